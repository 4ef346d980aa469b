using Residency.Classification;
using Residency.Ingest.Decoding;

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

    /// <summary>Limits applied by the classifier.</summary>
    public ClassifierOptions? Classifier { get; init; }
}
