using Residency.Classification;
using Residency.Frames;
using Residency.Ingest.Decoding;
using Residency.Ingest.Frames;

namespace Residency.Ingest;

/// <summary>Settings of the <see cref="IngestPipeline"/>.</summary>
public sealed class IngestPipelineOptions
{
    /// <summary>How many events of a batch are decoded and classified at once (CPU work).</summary>
    public int MaxConcurrency { get; init; } = 8;

    /// <summary>
    /// How long all storage work of one batch may take (every request and retry together); past it the batch fails
    /// with <see cref="Residency.Storage.StorageUnavailableException"/>, well inside the host's function timeout.
    /// </summary>
    public TimeSpan StorageBudget { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>The clock the storage budget runs on.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Size and decompression limits applied before classification.</summary>
    public EventDecoderOptions Decoder { get; init; } = EventDecoderOptions.Default;

    /// <summary>Bounds of the frame stage (frames per upload and invocation, pixels, CPU time, frames at once).</summary>
    public FrameStageOptions Frames { get; init; } = new();

    /// <summary>The de-identifier of camera frames, when the policy has deidentify-image rules; null uses the process-wide
    /// one (<see cref="SharedFrameDeidentifier"/>), loaded and verified when the first such pipeline is created.</summary>
    public FrameDeidentifier? FrameDeidentifier { get; init; }

    /// <summary>Limits applied by the classifier.</summary>
    public ClassifierOptions? Classifier { get; init; }
}
