namespace Residency.Frames;

/// <summary>Process-wide settings of a <see cref="FrameDeidentifier"/>: where the models are and how many threads inference uses.</summary>
public sealed record FrameDeidentifierSettings
{
    /// <summary>The folder holding the model files; default <c>frame-models/</c> beside the application (where the build copies them).</summary>
    public string ModelDirectory { get; init; } = Path.Combine(AppContext.BaseDirectory, "frame-models");

    /// <summary>Threads one inference may use (ONNX Runtime intra-op). 1 keeps one frame on one core, so concurrent frames do not oversubscribe.</summary>
    public int IntraOpNumThreads { get; init; } = 1;

    /// <summary>Threads for running independent graph nodes in parallel (ONNX Runtime inter-op; used only when above 1).</summary>
    public int InterOpNumThreads { get; init; } = 1;

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ModelDirectory, nameof(ModelDirectory));
        ArgumentOutOfRangeException.ThrowIfLessThan(IntraOpNumThreads, 1, nameof(IntraOpNumThreads));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(IntraOpNumThreads, 64, nameof(IntraOpNumThreads));
        ArgumentOutOfRangeException.ThrowIfLessThan(InterOpNumThreads, 1, nameof(InterOpNumThreads));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(InterOpNumThreads, 64, nameof(InterOpNumThreads));
    }
}
