using System.Text.Json.Nodes;
using Residency.Infra.Tests.Arm;
using static Residency.Infra.Tests.Invariants.ResidencyInvariants;

namespace Residency.Infra.Tests.Invariants;

/// <summary>
/// A storage account is keyless, closed to public networks and anonymous reads, TLS 1.2, single-region (LRS/ZRS),
/// soft-deletes blobs and containers, and keeps versions when it holds the vehicle-* containers.
/// </summary>
internal static class StorageRules
{
    private static readonly HashSet<string> SingleRegionSkus = new(StringComparer.OrdinalIgnoreCase)
    {
        "Standard_LRS", "Standard_ZRS", "Premium_LRS", "Premium_ZRS",
    };

    public static void Check(FindingReporter report, JsonObject account)
    {
        report.RequireValue(account, StorageSharedKey, false, "properties", "allowSharedKeyAccess");
        report.RequireValue(account, StoragePublicNetwork, "Disabled", "properties", "publicNetworkAccess");
        report.RequireValue(account, StorageBlobPublicAccess, false, "properties", "allowBlobPublicAccess");
        report.RequireValue(account, StorageTls, "TLS1_2", "properties", "minimumTlsVersion");

        var skus = PossibleValues.Strings(account["sku"]?["name"], report.Scope);
        if (skus is null || skus.Count == 0 || !skus.All(SingleRegionSkus.Contains))
        {
            report.Add(StorageRedundancy, account, ["sku"],
                $"sku.name can be {FindingReporter.Show(skus)}; only LRS or ZRS keep the data in one region (geo-redundant SKUs copy it to China East)");
        }

        var blobServices = ChildrenOf(report.Scope, account, "Microsoft.Storage/storageAccounts/blobServices");
        if (blobServices.Count == 0)
        {
            report.Add(StorageSoftDelete, account, [], "the account has no blobServices resource, so blob and container soft delete are off");
        }

        var holdsVehicleData = ChildrenOf(report.Scope, account, "Microsoft.Storage/storageAccounts/blobServices/containers")
            .Any(c => ReachableStrings.Of(c["name"], report.Scope).Any(s => s.StartsWith("vehicle-", StringComparison.Ordinal)));
        foreach (var service in blobServices)
        {
            report.RequireValue(service, StorageSoftDelete, true, "properties", "deleteRetentionPolicy", "enabled");
            report.RequireValue(service, StorageSoftDelete, true, "properties", "containerDeleteRetentionPolicy", "enabled");
            if (holdsVehicleData)
            {
                report.RequireValue(service, StorageVersioning, true, "properties", "isVersioningEnabled");
            }
        }
    }

    /// <summary>
    /// Child resources of an account in the same template: all of that type when the template has one account,
    /// else those whose name is built from the account's name.
    /// </summary>
    private static List<JsonObject> ChildrenOf(TemplateScope scope, JsonObject account, string childType)
    {
        var children = scope.Resources.Where(r => TemplateScope.TypeOf(r).Equals(childType, StringComparison.OrdinalIgnoreCase)).ToList();
        var accounts = scope.Resources.Count(r => TemplateScope.TypeOf(r).Equals(TemplateScope.TypeOf(account), StringComparison.OrdinalIgnoreCase));
        if (accounts == 1)
        {
            return children;
        }

        var name = account["name"]?.GetValue<string>() ?? string.Empty;
        var key = ArmExpression.IsExpression(name) ? name[1..^1] : name + "/";
        return children.Where(c => c["name"]?.GetValue<string>().Contains(key, StringComparison.Ordinal) == true).ToList();
    }
}
