namespace Residency.Ingest;

/// <summary>Reason codes the pipeline itself gives (decoder and classifier give their own).</summary>
public static class IngestReasons
{
    /// <summary>The whole invocation request was not the host's envelope; it is quarantined as one raw entry.</summary>
    public const string InvalidEnvelope = "invalid-envelope";

    /// <summary>The whole invocation request was larger than the handler reads; it is streamed into quarantine as sent.</summary>
    public const string RequestTooLarge = "request-too-large";

    /// <summary>The upload was refused for a reason that has no valid code of its own.</summary>
    public const string InvalidUpload = "invalid-upload";
}
