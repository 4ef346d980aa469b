using Residency.Development.Frames;
using Residency.Frames;
using Residency.Testing;
using Xunit;

namespace Residency.Ingest.Tests.Frames;

/// <summary>One de-identifier (the models the build copies beside the tests) and one frame generator for the frame stage tests.</summary>
public sealed class FrameStageFixture : IDisposable
{
    public FrameDeidentifier Deidentifier { get; } = new();

    public SyntheticFrames Frames { get; } = new(SyntheticFrameAssets.FromRepository(RepoPaths.Root));

    public void Dispose()
    {
        Deidentifier.Dispose();
        Frames.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class FrameStageGroup : ICollectionFixture<FrameStageFixture>
{
    public const string Name = "frame stage";
}
