using Residency.Frames;

namespace Residency.Ingest.Frames;

/// <summary>
/// The process's frame de-identifier, from the models beside the application. Loaded once (verifying every model's SHA-256,
/// so a changed model stops the pipeline from being created) and kept for the life of the process: the inference sessions
/// are safe to share and costly to build.
/// </summary>
public static class SharedFrameDeidentifier
{
    private static readonly Lazy<FrameDeidentifier> Shared = new(() => new FrameDeidentifier(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The loaded de-identifier; throws <see cref="ModelIntegrityException"/> when a model is missing or not the pinned one.</summary>
    public static FrameDeidentifier Instance => Shared.Value;
}
