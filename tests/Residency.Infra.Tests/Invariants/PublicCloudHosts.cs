using System.Text.RegularExpressions;

namespace Residency.Infra.Tests.Invariants;

/// <summary>
/// DNS suffixes of the global (public) Azure cloud. None may appear in a compiled template: Azure China endpoints
/// end in chinacloudapi.cn, azure.cn or chinacloudsites.cn. Kept here, apart from bicepconfig.json, so weakening the
/// linter's list does not weaken this check.
/// </summary>
internal static partial class PublicCloudHosts
{
    public static readonly IReadOnlyList<string> Suffixes =
    [
        "windows.net", "azure.com", "azure.net", "microsoftonline.com", "azurewebsites.net", "loganalytics.io",
        "applicationinsights.io", "azure-api.net", "azurecr.io", "cloudapp.net", "trafficmanager.net",
        "azuredatalakestore.net", "azuredatalakeanalytics.net", "azure-devices.net", "azureedge.net", "azurefd.net",
        "graph.microsoft.com", "login.microsoft.com",
    ];

    /// <summary>The public-cloud hosts named in a text, each once (whole DNS labels only: "windows.network" is not one).</summary>
    public static IReadOnlyList<string> In(string text) =>
        Suffixes.Where(s => HostPattern(s).IsMatch(text)).ToList();

    private static Regex HostPattern(string suffix) =>
        new($@"(?<![A-Za-z0-9-]){Regex.Escape(suffix)}(?![A-Za-z0-9-]|\.[A-Za-z0-9])", RegexOptions.IgnoreCase);
}
