namespace Residency.Operations.Configuration;

/// <summary>
/// The app settings the operations app reads: the same <c>Residency__</c> names as the ingest handler for storage, region
/// and key (one vocabulary for operators and Bicep), and the platform's environment and identity settings.
/// </summary>
public static class OperationsSettingNames
{
    /// <summary>Shared Key connection string (Azurite in Development); exactly one of this and <see cref="BlobEndpoint"/>.</summary>
    public const string StorageConnectionString = "Residency__StorageConnectionString";

    /// <summary>The data account's blob endpoint, reached with the app's managed identity.</summary>
    public const string BlobEndpoint = "Residency__BlobEndpoint";

    /// <summary>The region the RegionGuard checks the endpoint against.</summary>
    public const string Region = "Residency__Region";

    /// <summary>The pseudonymization key (base64), a Key Vault reference in Azure: turns a VIN into its vehicle key.</summary>
    public const string PseudonymKey = "Residency__PseudonymKey";

    /// <summary>The key's id.</summary>
    public const string PseudonymKeyId = "Residency__PseudonymKeyId";

    /// <summary><c>Development</c> allows Azurite, the development key and unauthenticated loopback calls.</summary>
    public const string Environment = "AZURE_FUNCTIONS_ENVIRONMENT";

    /// <summary>Azure.Identity's name for the user-assigned identity (set by infra/).</summary>
    public const string AzureClientId = "AZURE_CLIENT_ID";

    /// <summary>The configuration key of a setting name (<c>A__B</c> is read as <c>A:B</c>).</summary>
    public static string Key(string settingName) => settingName.Replace("__", ":", StringComparison.Ordinal);
}
