using Residency.Frames;

namespace Residency.Development.Frames;

/// <summary>What <see cref="FrameBenchmark"/> runs: frame sizes, how many frames of each kind, and the de-identification options.</summary>
public sealed record FrameBenchmarkSettings
{
    /// <summary>Frame sizes, one report row each.</summary>
    public IReadOnlyList<(int Width, int Height)> Sizes { get; init; } = [(1280, 720), (1920, 1080)];

    /// <summary>Face frames per size.</summary>
    public int FacesPerSize { get; init; } = 20;

    /// <summary>Plate frames per plate kind and size (7 kinds).</summary>
    public int PlatesPerKind { get; init; } = 10;

    /// <summary>Clean frames per size.</summary>
    public int CleanPerSize { get; init; } = 20;

    /// <summary>Frames run first and not counted (model and allocator warm-up).</summary>
    public int WarmUpFrames { get; init; } = 3;

    /// <summary>Seed of the synthetic frames.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The options every frame is de-identified with.</summary>
    public FrameOptions Options { get; init; } = FrameOptions.Default;
}
