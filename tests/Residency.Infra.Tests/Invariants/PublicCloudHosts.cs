using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Residency.Infra.Tests.Arm;

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

    /// <summary>Reports every public-cloud host in the strings of one template (its modules are checked on their own).</summary>
    public static void Check(FindingReporter report)
    {
        foreach (var text in StringsOf(report.Scope.Template))
        {
            foreach (var host in In(text))
            {
                report.AddAt(ResidencyInvariants.PublicCloudHost, SourceLocator.LineOf(report.Scope.SourceFile, host),
                    $"'{host}' is a public-cloud (global Azure) host, in \"{(text.Length <= 120 ? text : text[..117] + "...")}\"");
            }
        }
    }

    /// <summary>Every string of a template (names and values), leaving out $schema and the templates of its modules.</summary>
    private static IEnumerable<string> StringsOf(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    if (name == "$schema" || (name == "template" && obj.Parent is JsonObject r && TemplateScope.IsNestedDeployment(r)))
                    {
                        continue;
                    }

                    yield return name;
                    foreach (var text in StringsOf(value))
                    {
                        yield return text;
                    }
                }

                break;
            case JsonArray array:
                foreach (var text in array.SelectMany(StringsOf))
                {
                    yield return text;
                }

                break;
            case JsonValue value when value.TryGetValue(out string? text):
                yield return text;
                break;
        }
    }

    private static Regex HostPattern(string suffix) =>
        new($@"(?<![A-Za-z0-9-]){Regex.Escape(suffix)}(?![A-Za-z0-9-]|\.[A-Za-z0-9])", RegexOptions.IgnoreCase);
}
