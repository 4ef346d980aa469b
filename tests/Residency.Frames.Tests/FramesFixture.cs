using Residency.Development.Frames;
using Xunit;

namespace Residency.Frames.Tests;

/// <summary>One de-identifier (models from frame-models/ beside the tests, as the build copies them) and one frame generator for all tests.</summary>
public sealed class FramesFixture : IDisposable
{
    public FramesFixture()
    {
        Deidentifier = new FrameDeidentifier();
        Frames = new SyntheticFrames(SyntheticFrameAssets.FromRepository(RepoRoot));
    }

    public static string RepoRoot { get; } = FindRoot();

    public static string ModelDirectory => Path.Combine(AppContext.BaseDirectory, "frame-models");

    public FrameDeidentifier Deidentifier { get; }

    public SyntheticFrames Frames { get; }

    public byte[] Astronaut { get; } = File.ReadAllBytes(Path.Combine(RepoRoot, "samples", "frames", "astronaut.jpg"));

    public void Dispose()
    {
        Deidentifier.Dispose();
        Frames.Dispose();
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Functions.sln not found above {AppContext.BaseDirectory}.");
    }
}

[CollectionDefinition(Name)]
public sealed class FramesGroup : ICollectionFixture<FramesFixture>
{
    public const string Name = "frames";
}
