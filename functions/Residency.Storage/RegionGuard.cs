using System.Net;
using System.Text.RegularExpressions;

namespace Residency.Storage;

/// <summary>
/// Start-up check that data can only go to China North: the blob endpoint must be
/// <c>https://&lt;account&gt;.blob.core.chinacloudapi.cn</c> (or its Private Link name) and the region
/// <c>chinanorth3</c> or <c>chinanorth2</c>; loopback (Azurite) only in Development.
/// </summary>
public static partial class RegionGuard
{
    /// <summary>The China North regions this project allows (default first).</summary>
    public static IReadOnlyList<string> AllowedRegions { get; } = ["chinanorth3", "chinanorth2"];

    /// <summary>The Azure China blob DNS suffix.</summary>
    public const string ChinaBlobSuffix = ".blob.core.chinacloudapi.cn";

    /// <summary>Throws <see cref="ResidencyViolationException"/> naming the endpoint or region when either is not allowed.</summary>
    public static void EnsureAllowed(Uri blobEndpoint, string region, bool isDevelopment)
    {
        ArgumentNullException.ThrowIfNull(blobEndpoint);
        var normalizedRegion = region?.Trim().ToLowerInvariant() ?? string.Empty;
        if (!AllowedRegions.Contains(normalizedRegion))
        {
            throw new ResidencyViolationException(
                $"Region '{region}' is not allowed: data must stay in China North ({string.Join(", ", AllowedRegions)}).");
        }

        var shown = Describe(blobEndpoint);
        if (!blobEndpoint.IsAbsoluteUri)
        {
            throw new ResidencyViolationException($"Blob endpoint '{shown}' is not allowed: it is not an absolute URI.");
        }

        if (IsLoopback(blobEndpoint))
        {
            if (!isDevelopment)
            {
                throw new ResidencyViolationException(
                    $"Blob endpoint '{shown}' is not allowed: loopback (Azurite) is for the Development environment only.");
            }

            if (blobEndpoint.Scheme is not ("http" or "https"))
            {
                throw new ResidencyViolationException($"Blob endpoint '{shown}' is not allowed: use http or https.");
            }

            return;
        }

        if (blobEndpoint.Scheme != Uri.UriSchemeHttps)
        {
            throw new ResidencyViolationException($"Blob endpoint '{shown}' is not allowed: only https reaches Azure China storage.");
        }

        if (!ChinaBlobHost().IsMatch(blobEndpoint.IdnHost) || !blobEndpoint.IsDefaultPort ||
            blobEndpoint.AbsolutePath != "/" || blobEndpoint.UserInfo.Length > 0)
        {
            throw new ResidencyViolationException(
                $"Blob endpoint '{shown}' is not allowed: expected https://<account>{ChinaBlobSuffix} " +
                $"or https://<account>.privatelink{ChinaBlobSuffix} (Azure China, China North).");
        }
    }

    /// <summary>True when the host is localhost, 127.0.0.0/8 or ::1.</summary>
    public static bool IsLoopback(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!endpoint.IsAbsoluteUri)
        {
            return false;
        }

        var host = endpoint.Host.Trim('[', ']');
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ||
               (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }

    // Scheme, host, port and path; never the query (a SAS token would be a secret).
    private static string Describe(Uri endpoint) =>
        endpoint.IsAbsoluteUri ? endpoint.GetLeftPart(UriPartial.Path) : endpoint.OriginalString.Split('?')[0];

    // Account names are 3-24 lowercase letters and digits, so "-secondary" (the paired East region) never matches.
    [GeneratedRegex(@"^[a-z0-9]{3,24}(\.privatelink)?\.blob\.core\.chinacloudapi\.cn$", RegexOptions.CultureInvariant)]
    private static partial Regex ChinaBlobHost();
}
