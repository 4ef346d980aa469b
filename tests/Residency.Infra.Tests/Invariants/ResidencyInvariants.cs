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

    /// <summary>The built-in "Allowed locations" policy definition (the same id in every Azure cloud).</summary>
    public const string AllowedLocationsPolicyId = "e56962a6-4747-49cd-b67b-bf8b01975c4c";

    public static readonly IReadOnlySet<string> ChinaNorth = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "chinanorth3", "chinanorth2" };

    /// <summary>Types whose location is 'global' by nature (DNS is not regional); nothing else may leave the location parameter.</summary>
    public static readonly IReadOnlySet<string> GlobalTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Microsoft.Network/privateDnsZones", "Microsoft.Network/privateDnsZones/virtualNetworkLinks",
    };

    /// <summary>Built-in roles that can do anything or grant anything: never for the app identity.</summary>
    public static readonly IReadOnlyDictionary<string, string> PrivilegedRoles = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["8e3af657-a8ff-4c10-bc80-1b8e9a2b02a2"] = "Owner",
        ["b24988ac-6180-42a0-ab88-20f7382dd24c"] = "Contributor",
        ["18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"] = "User Access Administrator",
        ["f58310d9-a9f6-439a-9e8d-f62e7b41a168"] = "Role Based Access Control Administrator",
    };

    private static readonly HashSet<string> SingleRegionSkus = new(StringComparer.OrdinalIgnoreCase)
    {
        "Standard_LRS", "Standard_ZRS", "Premium_LRS", "Premium_ZRS",
    };

    /// <summary>Every invariant of every resource in the template and its modules, and public-cloud hosts anywhere in them.</summary>
    public static IReadOnlyList<Finding> Check(TemplateScope root, string displayRoot)
    {
        var findings = new List<Finding>();
        foreach (var scope in root.SelfAndModules())
        {
            var report = new Reporter(scope, displayRoot, findings);
            foreach (var resource in scope.Resources.Where(r => !TemplateScope.IsNestedDeployment(r)))
            {
                CheckLocation(report, resource);
                switch (TemplateScope.TypeOf(resource).ToLowerInvariant())
                {
                    case "microsoft.storage/storageaccounts":
                        CheckStorageAccount(report, resource);
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

            CheckHosts(report);
        }

        return findings;
    }

    /// <summary>The subscription deployment assigns "Allowed locations" to itself with exactly the China North regions.</summary>
    public static IReadOnlyList<Finding> CheckAllowedLocationsPolicy(TemplateScope root, string displayRoot)
    {
        var assignments = root.IsSubscriptionDeployment
            ? root.Resources.Where(r => TemplateScope.TypeOf(r).Equals("Microsoft.Authorization/policyAssignments", StringComparison.OrdinalIgnoreCase)
                && r["scope"] is null
                && PossibleValues.Strings(r["properties"]?["policyDefinitionId"], root) is { Count: > 0 } ids
                && ids.All(id => id.EndsWith("/" + AllowedLocationsPolicyId, StringComparison.OrdinalIgnoreCase))).ToList()
            : [];
        var report = new Reporter(root, displayRoot, []);
        if (assignments.Count == 0)
        {
            return [new Finding(AllowedLocationsPolicy, report.File, 1,
                $"no subscription-wide assignment of the \"Allowed locations\" policy ({AllowedLocationsPolicyId}) in this subscription deployment")];
        }

        var findings = new List<Finding>();
        foreach (var assignment in assignments)
        {
            var list = TemplateScope.Get(TemplateScope.Get(assignment["properties"]?["parameters"], "listOfAllowedLocations"), "value");
            var possible = PossibleValues.Of(list, root);
            var exact = possible is { Count: > 0 } && possible.All(c => c.Json is JsonArray a && IsExactlyChinaNorth(a, c.Scope));
            if (!exact)
            {
                findings.Add(new Finding(AllowedLocationsPolicy, report.File, SourceLocator.Line(root, assignment, "properties", "parameters", "listOfAllowedLocations"),
                    $"policy assignment {SourceLocator.Describe(root, assignment)}: listOfAllowedLocations must be exactly "
                    + $"{string.Join(", ", ChinaNorth)}; it can be {Show(possible)}"));
            }
        }

        return findings;
    }

    private static bool IsExactlyChinaNorth(JsonArray list, TemplateScope scope)
    {
        var regions = list.Select(e => PossibleValues.Strings(e, scope)).ToList();
        return regions.All(r => r is { Count: 1 })
            && regions.Select(r => r![0]).ToHashSet(StringComparer.OrdinalIgnoreCase).SetEquals(ChinaNorth);
    }

    private static void CheckLocation(Reporter report, JsonObject resource)
    {
        if (resource["location"] is not JsonValue value || !value.TryGetValue(out string? location))
        {
            return;
        }

        var type = TemplateScope.TypeOf(resource);
        if (!ArmExpression.IsExpression(location))
        {
            if (!(location.Equals("global", StringComparison.OrdinalIgnoreCase) && GlobalTypes.Contains(type)))
            {
                report.Add(Location, resource, ["location"],
                    $"location is the literal '{location}'; it must come from the China North location parameter"
                    + (GlobalTypes.Contains(type) ? " or be 'global'" : string.Empty));
            }

            return;
        }

        var why = ArmExpression.Parse(location).IsParameterReference(out var parameter)
            ? WhyNotChinaNorthParameter(report.Scope, parameter)
            : $"it is {location}, not a parameter";
        if (why is not null)
        {
            report.Add(Location, resource, ["location"], $"location does not come from the China North location parameter: {why}");
        }
    }

    /// <summary>Null when the parameter is restricted to China North (@allowed), here or in every module above that feeds it.</summary>
    private static string? WhyNotChinaNorthParameter(TemplateScope scope, string parameter)
    {
        var declaration = scope.ParameterDeclaration(parameter);
        var allowed = (declaration?["allowedValues"] as JsonArray)?.Select(v => v?.GetValue<string>() ?? "null").ToList() ?? [];
        if (allowed.Count > 0 && allowed.All(ChinaNorth.Contains))
        {
            return null;
        }

        if (scope.Deployment is not null && scope.TryGetArgument(parameter, out var passed, out var parentScope)
            && passed is JsonValue v && v.TryGetValue(out string? text) && ArmExpression.IsExpression(text)
            && ArmExpression.Parse(text).IsParameterReference(out var parentParameter))
        {
            return WhyNotChinaNorthParameter(parentScope!, parentParameter);
        }

        return allowed.Count > 0
            ? $"parameter '{parameter}' allows {string.Join(", ", allowed.Where(a => !ChinaNorth.Contains(a)))}, outside China North"
            : $"parameter '{parameter}' is not restricted to China North with @allowed, and no restricted parameter is passed to it";
    }

    private static void CheckStorageAccount(Reporter report, JsonObject account)
    {
        report.RequireValue(account, StorageSharedKey, false, "properties", "allowSharedKeyAccess");
        report.RequireValue(account, StoragePublicNetwork, "Disabled", "properties", "publicNetworkAccess");
        report.RequireValue(account, StorageBlobPublicAccess, false, "properties", "allowBlobPublicAccess");
        report.RequireValue(account, StorageTls, "TLS1_2", "properties", "minimumTlsVersion");

        var skus = PossibleValues.Strings(account["sku"]?["name"], report.Scope);
        if (skus is null || skus.Count == 0 || !skus.All(SingleRegionSkus.Contains))
        {
            report.Add(StorageRedundancy, account, ["sku"],
                $"sku.name can be {Show(skus)}; only LRS or ZRS keep the data in one region (geo-redundant SKUs copy it to China East)");
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

    private static void CheckRole(Reporter report, JsonObject assignment)
    {
        var ids = PossibleValues.Strings(assignment["properties"]?["roleDefinitionId"], report.Scope);
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

    private static void CheckHosts(Reporter report)
    {
        foreach (var text in StringsOf(report.Scope.Template))
        {
            foreach (var host in PublicCloudHosts.In(text))
            {
                report.AddAt(PublicCloudHost, SourceLocator.LineOf(report.Scope.SourceFile, host),
                    $"'{host}' is a public-cloud (global Azure) host, in \"{Shorten(text)}\"");
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

    private static string Show(IReadOnlyList<Candidate>? values) => Show(values?.Select(c => c.Json?.ToJsonString() ?? "null").ToList());

    private static string Show(IReadOnlyList<string>? values) =>
        values is null ? "unknown (the template does not show it)" : string.Join(" or ", values);

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..117] + "...";

    /// <summary>Collects findings for one template, naming its .bicep file relative to the display root.</summary>
    private sealed class Reporter(TemplateScope scope, string displayRoot, List<Finding> findings)
    {
        public TemplateScope Scope { get; } = scope;

        public string File { get; } = Path.GetRelativePath(displayRoot, scope.SourceFile).Replace('\\', '/');

        public void Add(string rule, JsonObject resource, string[] path, string message) =>
            findings.Add(new Finding(rule, File, SourceLocator.Line(Scope, resource, path), $"{SourceLocator.Describe(Scope, resource)}: {message}"));

        public void AddAt(string rule, int line, string message) => findings.Add(new Finding(rule, File, line, message));

        /// <summary>The property must be provably the expected value; missing, other or unknown is a finding.</summary>
        public void RequireValue(JsonObject resource, string rule, object expected, params string[] path)
        {
            JsonNode? node = resource;
            foreach (var name in path)
            {
                node = TemplateScope.Get(node, name);
            }

            var dotted = string.Join('.', path);
            var expectedJson = expected switch
            {
                bool b => b ? "true" : "false",
                _ => JsonValue.Create(expected.ToString())!.ToJsonString(),
            };
            if (node is null)
            {
                Add(rule, resource, [], $"{dotted} must be {expectedJson}; it is not set");
                return;
            }

            var possible = PossibleValues.Of(node, Scope);
            if (possible is null)
            {
                Add(rule, resource, path, $"{dotted} must be {expectedJson}; the template does not show that {node.ToJsonString()} is");
            }
            else if (!possible.All(c => c.Json?.ToJsonString() == expectedJson))
            {
                Add(rule, resource, path, $"{dotted} must be {expectedJson}; it can be {Show(possible)}");
            }
        }
    }
}
