namespace Residency.Development.Tests;

/// <summary>
/// Asks an endpoint to list containers without credentials: a Blob service refuses with 403 and a storage error code.
/// (The storage tests use the real clients on the same Azurite; here only "Azurite answers as Azurite" matters.)
/// </summary>
internal static class StorageAnswer
{
    private static readonly HttpClient Http = new(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true });

    public static async Task<bool> IsAzuriteAsync(Uri blobEndpoint)
    {
        using var response = await Http.GetAsync(blobEndpoint + "?comp=list");
        return (int)response.StatusCode == 403 && response.Headers.Contains("x-ms-error-code") && response.Headers.Contains("x-ms-request-id");
    }
}
