namespace Residency.Functions.Configuration;

/// <summary>The app settings (environment variables) the handler reads: a contract with operators and Bicep.</summary>
internal static class SettingNames
{
    public const string StorageConnectionString = "Residency__StorageConnectionString";
    public const string BlobEndpoint = "Residency__BlobEndpoint";
    public const string ManagedIdentityClientId = "Residency__ManagedIdentityClientId";
    public const string AzureClientId = "AZURE_CLIENT_ID";
    public const string Region = "Residency__Region";
    public const string PseudonymKey = "Residency__PseudonymKey";
    public const string PseudonymKeyId = "Residency__PseudonymKeyId";
    public const string PolicyFile = "Residency__PolicyFile";
    public const string MaxConcurrency = "Residency__MaxConcurrency";
    public const string StorageMaxRetries = "Residency__StorageMaxRetries";
    public const string StorageNetworkTimeoutSeconds = "Residency__StorageNetworkTimeoutSeconds";
    public const string StorageBudgetSeconds = "Residency__StorageBudgetSeconds";
    public const string MaxRequestMegabytes = "Residency__MaxRequestMegabytes";
    public const string MaxInFlightMegabytes = "Residency__MaxInFlightMegabytes";
    public const string MaxConcurrentInvocations = "Residency__MaxConcurrentInvocations";
    public const string Environment = "AZURE_FUNCTIONS_ENVIRONMENT";
    public const string Port = "FUNCTIONS_CUSTOMHANDLER_PORT";
    public const string LegacyPort = "FUNCTIONS_HTTPWORKER_PORT";

    /// <summary>The configuration key for an environment variable name ("A__B" is read as "A:B").</summary>
    public static string Key(string settingName) => settingName.Replace("__", ":", StringComparison.Ordinal);
}
