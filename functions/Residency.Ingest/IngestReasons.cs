namespace Residency.Ingest;

/// <summary>Reason codes the pipeline itself gives (decoder and classifier give their own).</summary>
public static class IngestReasons
{
    /// <summary>The classifier failed in an unexpected way on this event.</summary>
    public const string ClassifierError = "classifier-error";

    /// <summary>The whole invocation request was not the host's envelope; it is quarantined as one raw entry.</summary>
    public const string InvalidEnvelope = "invalid-envelope";

    /// <summary>The upload was refused for a reason that has no valid code of its own.</summary>
    public const string InvalidUpload = "invalid-upload";

    /// <summary>Storage refused this event's blobs as invalid (a 4xx other than a conflict).</summary>
    public const string StoreRejected = "store-rejected";
}
