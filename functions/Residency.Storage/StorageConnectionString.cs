using Azure.Storage;

namespace Residency.Storage;

/// <summary>A parsed storage connection string: the blob endpoint and the Shared Key credential.</summary>
public sealed class StorageConnectionString
{
    /// <summary>Azurite's well-known development account.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    /// <summary>Azurite's well-known development key (public, not a secret).</summary>
    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private StorageConnectionString(Uri blobEndpoint, StorageSharedKeyCredential credential)
    {
        BlobEndpoint = blobEndpoint;
        Credential = credential;
    }

    /// <summary>The account's blob endpoint (path-style for Azurite).</summary>
    public Uri BlobEndpoint { get; }

    /// <summary>The account name and key.</summary>
    public StorageSharedKeyCredential Credential { get; }

    /// <summary>
    /// Parses <c>UseDevelopmentStorage=true[;DevelopmentStorageProxyUri=...]</c> or
    /// <c>DefaultEndpointsProtocol=...;AccountName=...;AccountKey=...;(BlobEndpoint=...|EndpointSuffix=...)</c>.
    /// Errors name the missing or bad setting, never the key.
    /// </summary>
    public static StorageConnectionString Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException("The storage connection string has a setting without a name=value form.");
            }

            settings[part[..equals].Trim()] = part[(equals + 1)..].Trim();
        }

        if (settings.TryGetValue("UseDevelopmentStorage", out var dev) && bool.TryParse(dev, out var useDev) && useDev)
        {
            var proxy = settings.TryGetValue("DevelopmentStorageProxyUri", out var p) ? new Uri(p) : new Uri("http://127.0.0.1");
            var endpoint = new UriBuilder(proxy) { Port = 10000, Path = DevelopmentAccountName }.Uri;
            return new StorageConnectionString(
                endpoint, new StorageSharedKeyCredential(DevelopmentAccountName, DevelopmentAccountKey));
        }

        if (settings.ContainsKey("SharedAccessSignature"))
        {
            throw new FormatException("SAS connection strings are not supported: use AccountName/AccountKey or a TokenCredential.");
        }

        var accountName = Required(settings, "AccountName");
        var accountKey = Required(settings, "AccountKey");
        if (!Convert.TryFromBase64String(accountKey, new byte[accountKey.Length], out _))
        {
            throw new FormatException("The storage connection string's AccountKey is not base64.");
        }

        Uri blobEndpoint;
        if (settings.TryGetValue("BlobEndpoint", out var explicitEndpoint) && explicitEndpoint.Length > 0)
        {
            if (!Uri.TryCreate(explicitEndpoint, UriKind.Absolute, out blobEndpoint!))
            {
                throw new FormatException("The storage connection string's BlobEndpoint is not an absolute URI.");
            }
        }
        else
        {
            var protocol = settings.TryGetValue("DefaultEndpointsProtocol", out var proto) ? proto.ToLowerInvariant() : "https";
            if (protocol is not ("https" or "http"))
            {
                throw new FormatException("The storage connection string's DefaultEndpointsProtocol must be https or http.");
            }

            // Same default as the Azure SDK; RegionGuard refuses it, so a China account must say EndpointSuffix.
            var suffix = settings.TryGetValue("EndpointSuffix", out var s) && s.Length > 0 ? s : "core.windows.net";
            blobEndpoint = new Uri($"{protocol}://{accountName}.blob.{suffix}");
        }

        return new StorageConnectionString(blobEndpoint, new StorageSharedKeyCredential(accountName, accountKey));
    }

    private static string Required(Dictionary<string, string> settings, string name) =>
        settings.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw new FormatException($"The storage connection string has no {name}.");
}
