using System.Text.Json.Nodes;
using Residency.Infra.Tests.Arm;

namespace Residency.Infra.Tests.Invariants;

/// <summary>
/// The residency invariants, checked on a compiled ARM template and every module template nested in it. A value is
/// accepted only when the template shows it is safe (<see cref="PossibleValues"/>); unknown counts as unsafe.
/// </summary>
internal static class ResidencyInvariants
{
    public const string Location = "location-parameter";
    public const string StorageSharedKey = "storage-shared-key";
    public const string StoragePublicNetwork = "storage-public-network";
    public const string StorageBlobPublicAccess = "storage-blob-public-access";
    public const string StorageTls = "storage-tls";
    public const string StorageRedundancy = "storage-redundancy";
    public const string StorageSoftDelete = "storage-soft-delete";
    public const string StorageVersioning = "storage-versioning";
    public const string EventHubsLocalAuth = "eventhubs-local-auth";
    public const string KeyVaultPurgeProtection = "keyvault-purge-protection";
    public const string PrivilegedRole = "privileged-role";
    public const string AllowedLocationsPolicy = "allowed-locations-policy";
    public const string PublicCloudHost = "public-cloud-host";

    public static readonly IReadOnlySet<string> ChinaNorth = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "chinanorth3", "chinanorth2" };

    /// <summary>Types whose location is 'global' by nature (DNS is not regional); nothing else may leave the location parameter.</summary>
    public static readonly IReadOnlySet<string> GlobalTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Microsoft.Network/privateDnsZones", "Microsoft.Network/privateDnsZones/virtualNetworkLinks",
        // Action groups hold only receivers (an e-mail address, a webhook) and are global in every cloud.
        "Microsoft.Insights/actionGroups",
    };

    /// <summary>Built-in roles that can do anything or grant anything: never for the app identity.</summary>
    public static readonly IReadOnlyDictionary<string, string> PrivilegedRoles = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["8e3af657-a8ff-4c10-bc80-1b8e9a2b02a2"] = "Owner",
        ["b24988ac-6180-42a0-ab88-20f7382dd24c"] = "Contributor",
        ["18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"] = "User Access Administrator",
        ["f58310d9-a9f6-439a-9e8d-f62e7b41a168"] = "Role Based Access Control Administrator",
    };

    /// <summary>Every invariant of every resource in the template and its modules, and public-cloud hosts anywhere in them.</summary>
    public static IReadOnlyList<Finding> Check(TemplateScope root, string displayRoot)
    {
        var findings = new List<Finding>();
        foreach (var scope in root.SelfAndModules())
        {
            var report = new FindingReporter(scope, displayRoot, findings);
            foreach (var resource in scope.Resources.Where(r => !TemplateScope.IsNestedDeployment(r)))
            {
                LocationRule.Check(report, resource);
                switch (TemplateScope.TypeOf(resource).ToLowerInvariant())
                {
                    case "microsoft.storage/storageaccounts":
                        StorageRules.Check(report, resource);
                        break;
                    case "microsoft.eventhub/namespaces":
                        report.RequireValue(resource, EventHubsLocalAuth, true, "properties", "disableLocalAuth");
                        break;
                    case "microsoft.keyvault/vaults":
                        report.RequireValue(resource, KeyVaultPurgeProtection, true, "properties", "enablePurgeProtection");
                        break;
                    case "microsoft.authorization/roleassignments":
                        CheckRole(report, resource);
                        break;
                }
            }

            PublicCloudHosts.Check(report);
        }

        return findings;
    }

    // A role defined in the same template (its id is a computed guid): acceptable only when every role definition there
    // grants data actions alone, none of them a wildcard, so it can be neither Owner, Contributor nor User Access Administrator.
    private static bool IsDataOnlyCustomRole(TemplateScope scope, JsonObject assignment)
    {
        if (assignment["properties"]?["roleDefinitionId"]?.GetValue<string>() is not { } expression
            || !expression.Contains("'Microsoft.Authorization/roleDefinitions'", StringComparison.Ordinal))
        {
            return false;
        }

        var definitions = scope.Resources.Where(r => TemplateScope.TypeOf(r) == "Microsoft.Authorization/roleDefinitions").ToList();
        return definitions.Count > 0 && definitions.All(definition =>
            definition["properties"]?["permissions"]?.AsArray().All(p =>
                p!["actions"]?.AsArray().Count is null or 0
                && p["dataActions"]?.AsArray().All(a => a!.GetValue<string>() is var action && action != "*" && !action.EndsWith("/*", StringComparison.Ordinal)) == true) == true);
    }

    private static void CheckRole(FindingReporter report, JsonObject assignment)
    {
        var ids = PossibleValues.Strings(assignment["properties"]?["roleDefinitionId"], report.Scope);
        if ((ids is null || ids.Count == 0) && IsDataOnlyCustomRole(report.Scope, assignment))
        {
            return;
        }

        if (ids is null || ids.Count == 0)
        {
            report.Add(PrivilegedRole, assignment, ["properties", "roleDefinitionId"],
                "the role cannot be determined from the template, so it cannot be shown not to be Owner, Contributor or User Access Administrator");
            return;
        }

        foreach (var role in ids.Select(id => id.Split('/')[^1]).Where(PrivilegedRoles.ContainsKey).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            report.Add(PrivilegedRole, assignment, ["properties", "roleDefinitionId"],
                $"grants {PrivilegedRoles[role]} ({role}); the app identity gets only the data-plane roles it needs");
        }
    }
}
