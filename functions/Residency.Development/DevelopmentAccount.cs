namespace Residency.Development;

/// <summary>Azurite's well-known development account (public, documented by Azurite; never a production secret).</summary>
public static class DevelopmentAccount
{
    /// <summary>The account name.</summary>
    public const string Name = "devstoreaccount1";

    /// <summary>The account key.</summary>
    public const string Key =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>The path-style blob endpoint of an Azurite on 127.0.0.1.</summary>
    public static Uri BlobEndpoint(int port, bool https) =>
        new($"{(https ? "https" : "http")}://127.0.0.1:{port}/{Name}");

    /// <summary>The Shared Key connection string for <paramref name="blobEndpoint"/>.</summary>
    public static string ConnectionString(Uri blobEndpoint) =>
        $"DefaultEndpointsProtocol={blobEndpoint.Scheme};AccountName={Name};AccountKey={Key};BlobEndpoint={blobEndpoint};";
}
