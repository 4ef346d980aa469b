namespace Residency.FunctionsHost;

/// <summary>
/// The handler's own settings, bound from the <c>Residency</c> section (app settings <c>Residency__Name</c>): the one
/// description of them, read by the handler at start-up and written by the CLI and the tests when they start it.
/// Ranges are declared here; rules across settings are checked by the handler.
/// </summary>
public sealed class HandlerOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Residency";

    /// <summary>Shared Key connection string (Azurite or a key-based account); exactly one of this and <see cref="BlobEndpoint"/>.</summary>
    public string? StorageConnectionString { get; set; }

    /// <summary><c>https://&lt;account&gt;.blob.core.chinacloudapi.cn</c>, reached with managed identity.</summary>
    public string? BlobEndpoint { get; set; }

    /// <summary>The user-assigned identity for <see cref="BlobEndpoint"/> (falls back to <c>AZURE_CLIENT_ID</c>; unset: system-assigned).</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary><c>chinanorth3</c> or <c>chinanorth2</c>, checked with the endpoint by the RegionGuard.</summary>
    public string Region { get; set; } = "chinanorth3";

    /// <summary>Base64 HMAC key, at least 32 bytes; required outside Development.</summary>
    public string? PseudonymKey { get; set; }

    /// <summary>The id recorded with every pseudonym; required with the key.</summary>
    public string? PseudonymKeyId { get; set; }

    /// <summary>A policy JSON file replacing the embedded <c>cn-auto</c>.</summary>
    public string? PolicyFile { get; set; }

    /// <summary>Events classified and storage requests in flight at once.</summary>
    [SettingRange(1, 64)]
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>Retries per storage request.</summary>
    [SettingRange(0, 10)]
    public int StorageMaxRetries { get; set; } = 3;

    /// <summary>How long one storage attempt may wait for an answer.</summary>
    [SettingRange(1, 300)]
    public int StorageNetworkTimeoutSeconds { get; set; } = 20;

    /// <summary>How long all storage work of one invocation may take before it answers 500.</summary>
    [SettingRange(5, 1800)]
    public int StorageBudgetSeconds { get; set; } = 120;

    /// <summary>Larger requests are streamed into quarantine whole, never read into memory.</summary>
    [SettingRange(1, 1024)]
    public int MaxRequestMegabytes { get; set; } = 64;

    /// <summary>Request bytes held at once.</summary>
    [SettingRange(1, 4096)]
    public int MaxInFlightMegabytes { get; set; } = 128;

    /// <summary>Invocations processed at once; more wait before their body is read.</summary>
    [SettingRange(1, 64)]
    public int MaxConcurrentInvocations { get; set; } = 4;

    /// <summary>Camera frames one upload may carry for de-identification (more: <c>image-too-large</c>).</summary>
    [SettingRange(1, 64)]
    public int MaxFramesPerUpload { get; set; } = 8;

    /// <summary>Frames one invocation may de-identify; uploads past it are quarantined (<c>image-too-large</c>).</summary>
    [SettingRange(1, 10000)]
    public int MaxFramesPerInvocation { get; set; } = 64;

    /// <summary>CPU seconds the frames of one invocation may take together.</summary>
    [SettingRange(1, 600)]
    public int MaxFrameSecondsPerInvocation { get; set; } = 60;

    /// <summary>Largest frame in megapixels of 2^20 pixels (16: 4096x4096), read from its header before decoding.</summary>
    [SettingRange(1, 256)]
    public int MaxFrameMegapixels { get; set; } = 16;

    /// <summary>Frames de-identified at once (each holds its decoded pixels; one inference thread each).</summary>
    [SettingRange(1, 64)]
    public int MaxConcurrentFrames { get; set; } = 2;
}
