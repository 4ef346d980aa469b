namespace Residency.Development;

/// <summary>Asks whether an Azurite answers HTTP on its blob endpoint: the readiness check for processes and containers.</summary>
internal static class AzuriteProbe
{
    // The probe only asks "is anything listening"; a self-signed loopback certificate is expected here.
    private static readonly HttpClient Http = new(new HttpClientHandler
    {
        ServerCertificateCustomValidationCallback = (_, _, _, _) => true,
    })
    {
        Timeout = TimeSpan.FromSeconds(2),
    };

    /// <summary>True when any HTTP answer comes back (403 for an unsigned request means the server is listening).</summary>
    public static async Task<bool> AnswersAsync(Uri blobEndpoint, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await Http.GetAsync(blobEndpoint + "?comp=list", cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
