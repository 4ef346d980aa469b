using Residency.Storage;

namespace Residency.Functions.Telemetry;

/// <summary>
/// Telemetry is data too: every endpoint it is sent to must be in Azure China (<c>*.azure.cn</c> or
/// <c>*.chinacloudapi.cn</c>, https), or loopback in Development, like the storage endpoint's RegionGuard.
/// Messages name the setting and the endpoint's host, never a key.
/// </summary>
internal static class TelemetryEndpointGuard
{
    /// <summary>The DNS suffixes of Azure China endpoints.</summary>
    public static IReadOnlyList<string> ChinaSuffixes { get; } = [".azure.cn", ".chinacloudapi.cn"];

    /// <summary>Null when <paramref name="endpoint"/> may receive telemetry, else why not.</summary>
    public static string? Refusal(string settingName, string endpoint, bool isDevelopment)
    {
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            return $"{settingName} is not an absolute http(s) URL.";
        }

        if (RegionGuard.IsLoopback(uri))
        {
            return isDevelopment
                ? null
                : $"{settingName} refused: loopback '{uri.Host}' is for the Development environment only.";
        }

        if (uri.Scheme != Uri.UriSchemeHttps || uri.UserInfo.Length > 0 || !IsChinaHost(uri.IdnHost))
        {
            return $"{settingName} refused: '{uri.Scheme}://{uri.IdnHost}' is not an https endpoint in Azure China " +
                $"({string.Join(" or ", ChinaSuffixes.Select(s => "*" + s))}); telemetry stays in China.";
        }

        return null;
    }

    /// <summary>True for a host under an Azure China suffix (and not the bare suffix).</summary>
    public static bool IsChinaHost(string host) =>
        ChinaSuffixes.Any(suffix => host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && host.Length > suffix.Length);
}
