using System.Text.RegularExpressions;

namespace Residency.Infra.Tests.Checks;

/// <summary>Azure region names (public, China and government clouds) and the ones this project may use.</summary>
internal static partial class AzureRegions
{
    /// <summary>China North: the only regions vehicle data may live in.</summary>
    public static readonly IReadOnlySet<string> ChinaNorth = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "chinanorth3", "chinanorth2" };

    private static readonly HashSet<string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        "chinanorth", "chinanorth2", "chinanorth3", "chinaeast", "chinaeast2", "chinaeast3",
        "eastus", "eastus2", "westus", "westus2", "westus3", "centralus", "northcentralus", "southcentralus",
        "westcentralus", "canadacentral", "canadaeast", "brazilsouth", "brazilsoutheast", "mexicocentral",
        "chilecentral", "northeurope", "westeurope", "uksouth", "ukwest", "francecentral", "francesouth",
        "germanywestcentral", "germanynorth", "germanycentral", "germanynortheast", "switzerlandnorth",
        "switzerlandwest", "norwayeast", "norwaywest", "swedencentral", "swedensouth", "polandcentral",
        "italynorth", "spaincentral", "austriaeast", "belgiumcentral", "denmarkeast", "eastasia", "southeastasia",
        "japaneast", "japanwest", "koreacentral", "koreasouth", "australiaeast", "australiasoutheast",
        "australiacentral", "australiacentral2", "centralindia", "southindia", "westindia", "jioindiawest",
        "jioindiacentral", "uaenorth", "uaecentral", "southafricanorth", "southafricawest", "qatarcentral",
        "israelcentral", "newzealandnorth", "indonesiacentral", "malaysiawest", "taiwannorth", "eastus2euap",
        "centraluseuap", "usgovvirginia", "usgovarizona", "usgovtexas", "usgoviowa", "usdodeast", "usdodcentral",
    };

    /// <summary>True when the text names an Azure region (display names such as "China East 2" included).</summary>
    public static bool IsRegion(string text)
    {
        var normalized = text.Replace(" ", string.Empty, StringComparison.Ordinal).Trim();
        return Known.Contains(normalized) || ChinaRegionPattern().IsMatch(normalized);
    }

    public static bool IsChinaNorth(string text) => ChinaNorth.Contains(text);

    // Future China regions follow the same naming (chinanorth4, chinaeast4, ...).
    [GeneratedRegex("^china(north|east|south|west)[0-9]*$", RegexOptions.IgnoreCase)]
    private static partial Regex ChinaRegionPattern();
}
