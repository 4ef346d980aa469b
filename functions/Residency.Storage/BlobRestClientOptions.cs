using Azure.Core;

namespace Residency.Storage;

/// <summary>Options for <see cref="BlobRestClient"/>: retry, diagnostics and transport come from <see cref="ClientOptions"/>.</summary>
public sealed class BlobRestClientOptions : ClientOptions
{
    /// <summary>The one Blob service version every request pins (accepted by Azurite and by Azure China).</summary>
    public const string ServiceVersion = "2021-12-02";

    /// <summary>Creates options with exponential retries, request logging and HTTP tracing off.</summary>
    public BlobRestClientOptions()
    {
        Retry.Mode = RetryMode.Exponential;
        Retry.MaxRetries = 5;
        Retry.Delay = TimeSpan.FromMilliseconds(400);
        Retry.MaxDelay = TimeSpan.FromSeconds(30);
        // Blob paths carry pseudonymous vehicle keys; Azure.Core's request log and HTTP spans would record them.
        // Client request ids stay on; logging and tracing are opt-in.
        Diagnostics.IsLoggingEnabled = false;
        Diagnostics.IsLoggingContentEnabled = false;
        Diagnostics.IsDistributedTracingEnabled = false;
    }
}
