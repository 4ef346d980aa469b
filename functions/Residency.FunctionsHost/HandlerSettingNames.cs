namespace Residency.FunctionsHost;

/// <summary>
/// The environment variables (app settings) the handler reads: its own, named after <see cref="HandlerOptions"/>, and
/// those the Functions host and the platform set. A contract with operators, Bicep, the CLI and the tests.
/// </summary>
public static class HandlerSettingNames
{
    /// <summary>The prefix of the handler's own settings (the <c>Residency</c> section).</summary>
    public const string Prefix = HandlerOptions.Section + "__";

    /// <summary><c>Residency__StorageConnectionString</c>.</summary>
    public const string StorageConnectionString = Prefix + nameof(HandlerOptions.StorageConnectionString);

    /// <summary><c>Residency__BlobEndpoint</c>.</summary>
    public const string BlobEndpoint = Prefix + nameof(HandlerOptions.BlobEndpoint);

    /// <summary><c>Residency__ManagedIdentityClientId</c>.</summary>
    public const string ManagedIdentityClientId = Prefix + nameof(HandlerOptions.ManagedIdentityClientId);

    /// <summary><c>Residency__Region</c>.</summary>
    public const string Region = Prefix + nameof(HandlerOptions.Region);

    /// <summary><c>Residency__PseudonymKey</c>.</summary>
    public const string PseudonymKey = Prefix + nameof(HandlerOptions.PseudonymKey);

    /// <summary><c>Residency__PseudonymKeyId</c>.</summary>
    public const string PseudonymKeyId = Prefix + nameof(HandlerOptions.PseudonymKeyId);

    /// <summary><c>Residency__PolicyFile</c>.</summary>
    public const string PolicyFile = Prefix + nameof(HandlerOptions.PolicyFile);

    /// <summary><c>Residency__MaxConcurrency</c>.</summary>
    public const string MaxConcurrency = Prefix + nameof(HandlerOptions.MaxConcurrency);

    /// <summary><c>Residency__StorageMaxRetries</c>.</summary>
    public const string StorageMaxRetries = Prefix + nameof(HandlerOptions.StorageMaxRetries);

    /// <summary><c>Residency__StorageNetworkTimeoutSeconds</c>.</summary>
    public const string StorageNetworkTimeoutSeconds = Prefix + nameof(HandlerOptions.StorageNetworkTimeoutSeconds);

    /// <summary><c>Residency__StorageBudgetSeconds</c>.</summary>
    public const string StorageBudgetSeconds = Prefix + nameof(HandlerOptions.StorageBudgetSeconds);

    /// <summary><c>Residency__MaxRequestMegabytes</c>.</summary>
    public const string MaxRequestMegabytes = Prefix + nameof(HandlerOptions.MaxRequestMegabytes);

    /// <summary><c>Residency__MaxInFlightMegabytes</c>.</summary>
    public const string MaxInFlightMegabytes = Prefix + nameof(HandlerOptions.MaxInFlightMegabytes);

    /// <summary><c>Residency__MaxConcurrentInvocations</c>.</summary>
    public const string MaxConcurrentInvocations = Prefix + nameof(HandlerOptions.MaxConcurrentInvocations);

    /// <summary><c>Residency__MaxFramesPerUpload</c>.</summary>
    public const string MaxFramesPerUpload = Prefix + nameof(HandlerOptions.MaxFramesPerUpload);

    /// <summary><c>Residency__MaxFramesPerInvocation</c>.</summary>
    public const string MaxFramesPerInvocation = Prefix + nameof(HandlerOptions.MaxFramesPerInvocation);

    /// <summary><c>Residency__MaxFrameSecondsPerInvocation</c>.</summary>
    public const string MaxFrameSecondsPerInvocation = Prefix + nameof(HandlerOptions.MaxFrameSecondsPerInvocation);

    /// <summary><c>Residency__MaxFrameMegapixels</c>.</summary>
    public const string MaxFrameMegapixels = Prefix + nameof(HandlerOptions.MaxFrameMegapixels);

    /// <summary><c>Residency__MaxConcurrentFrames</c>.</summary>
    public const string MaxConcurrentFrames = Prefix + nameof(HandlerOptions.MaxConcurrentFrames);

    /// <summary><c>Development</c> allows loopback (Azurite) storage and the public development key; anything else is production.</summary>
    public const string Environment = "AZURE_FUNCTIONS_ENVIRONMENT";

    /// <summary>The loopback port the host calls the handler on.</summary>
    public const string Port = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>The port's older name, still set by some hosts.</summary>
    public const string LegacyPort = "FUNCTIONS_HTTPWORKER_PORT";

    /// <summary>The host's id for this handler process.</summary>
    public const string WorkerId = "FUNCTIONS_CUSTOMHANDLER_WORKER_ID";

    /// <summary>The Function app's folder.</summary>
    public const string AppRootPath = "FUNCTIONS_APP_ROOT_PATH";

    /// <summary>Azure.Identity's name for a user-assigned identity (set by infra/).</summary>
    public const string AzureClientId = "AZURE_CLIENT_ID";

    /// <summary>The configuration key of an environment variable name (<c>A__B</c> is read as <c>A:B</c>).</summary>
    public static string Key(string settingName)
    {
        ArgumentNullException.ThrowIfNull(settingName);
        return settingName.Replace("__", ":", StringComparison.Ordinal);
    }
}
