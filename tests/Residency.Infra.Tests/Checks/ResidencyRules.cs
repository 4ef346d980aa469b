using System.Text.RegularExpressions;
using Residency.Infra.Tests.Model;
using Residency.Infra.Tests.Parsing;

namespace Residency.Infra.Tests.Checks;

/// <summary>
/// The residency invariants, checked on the syntax tree: data cannot be placed outside China North, cannot be
/// geo-replicated to China East, endpoints are never public-cloud hosts, and the data services are closed
/// (no shared keys, no public access, no local SAS auth). Anything that cannot be proven safe is a finding.
/// </summary>
internal static partial class ResidencyRules
{
    public const string LocationValue = "location-value";
    public const string LocationAllowed = "location-allowed";
    public const string RegionLiteral = "region-literal";
    public const string GeoRedundantSku = "geo-redundant-sku";
    public const string StorageRedundancy = "storage-redundancy";
    public const string PublicCloudHost = "public-cloud-host";
    public const string HardcodedHost = "hardcoded-host";
    public const string StorageSharedKey = "storage-shared-key";
    public const string StoragePublicAccess = "storage-public-access";
    public const string EventHubsLocalAuth = "eventhubs-local-auth";
    public const string PolicyAssignment = "policy-assignment";

    /// <summary>The built-in "Allowed locations" policy definition (same id in every Azure cloud).</summary>
    public const string AllowedLocationsPolicyId = "e56962a6-4747-49cd-b67b-bf8b01975c4c";

    private static readonly HashSet<string> SingleRegionSkus = new(StringComparer.Ordinal)
    {
        "Standard_LRS", "Standard_ZRS", "Premium_LRS", "Premium_ZRS",
    };

    public static IReadOnlyList<Finding> Check(BicepDocument document, HostPolicy hosts)
    {
        var findings = new List<Finding>();
        CheckLocationParameters(document, findings);
        CheckStringLiterals(document, hosts, findings);
        foreach (var resource in document.Resources.Where(r => !r.IsExisting && r.Body is not null))
        {
            CheckResourceLocation(document, resource, findings);
            CheckStorage(document, resource, findings);
            CheckEventHubs(document, resource, findings);
        }

        foreach (var module in document.Modules)
        {
            CheckModuleLocation(document, module, findings);
        }

        return findings;
    }

    /// <summary>At least one "Allowed locations" assignment whose list can only hold China North regions.</summary>
    public static IReadOnlyList<Finding> CheckPolicyAssignments(IReadOnlyCollection<BicepDocument> documents)
    {
        foreach (var document in documents)
        {
            foreach (var assignment in document.Resources.Where(r => !r.IsExisting && IsType(r, "Microsoft.Authorization/policyAssignments")))
            {
                var definition = BicepDocument.PropertyPath(assignment.Body, "properties", "policyDefinitionId");
                var list = BicepDocument.PropertyPath(assignment.Body, "properties", "parameters", "listOfAllowedLocations", "value");
                if (definition is not null && list is not null
                    && document.StringsIn(definition).Any(s => s.Contains(AllowedLocationsPolicyId, StringComparison.OrdinalIgnoreCase))
                    && IsChinaNorthOnly(document, list, 0))
                {
                    return [];
                }
            }
        }

        var where = documents.FirstOrDefault()?.DisplayPath ?? "(no files)";
        return [new Finding(PolicyAssignment, where, 1,
            $"no \"Allowed locations\" policy assignment ({AllowedLocationsPolicyId}) whose listOfAllowedLocations holds only China North regions")];
    }

    private static void CheckLocationParameters(BicepDocument document, List<Finding> findings)
    {
        foreach (var parameter in document.Parameters.Values)
        {
            if (parameter.Node.Type == "parameter_assignment")
            {
                continue; // .bicepparam values are literals, judged by CheckStringLiterals and the type check.
            }

            var allowed = BicepDocument.AllowedValues(parameter);
            var namesLocation = parameter.Name.Equals("location", StringComparison.OrdinalIgnoreCase);
            var listsRegions = allowed?.Any(AzureRegions.IsRegion) == true;
            if (!namesLocation && !listsRegions)
            {
                continue;
            }

            if (allowed is null || allowed.Count == 0)
            {
                findings.Add(Finding.At(LocationAllowed, document.DisplayPath, parameter.Node,
                    $"parameter '{parameter.Name}' must be restricted with @allowed to China North regions"));
                continue;
            }

            foreach (var value in allowed.Where(v => !AzureRegions.IsChinaNorth(v)))
            {
                findings.Add(Finding.At(LocationAllowed, document.DisplayPath, parameter.Node,
                    $"parameter '{parameter.Name}' allows '{value}', which is not a China North region"));
            }
        }
    }

    private static void CheckStringLiterals(BicepDocument document, HostPolicy hosts, List<Finding> findings)
    {
        var permittedRegionLiterals = RegionLiteralsPermittedIn(document);
        foreach (var node in document.File.Root.DescendantsAndSelf().Where(n => n.Type == "string"))
        {
            var text = BicepString.Pattern(node);
            if (AzureRegions.IsRegion(text))
            {
                if (!AzureRegions.IsChinaNorth(text.Trim()))
                {
                    findings.Add(Finding.At(RegionLiteral, document.DisplayPath, node, $"region '{text}' is outside China North"));
                }
                else if (!permittedRegionLiterals.Contains(node))
                {
                    findings.Add(Finding.At(RegionLiteral, document.DisplayPath, node,
                        $"region '{text}' is written as a literal; use the location parameter"));
                }
            }

            if (GeoRedundantSkuPattern().IsMatch(text))
            {
                findings.Add(Finding.At(GeoRedundantSku, document.DisplayPath, node,
                    $"'{text}' replicates to the paired China East region; use ZRS or LRS"));
            }

            foreach (var host in hosts.FindDisallowed(text))
            {
                var rule = host.EndsWith(".cn", StringComparison.OrdinalIgnoreCase) ? HardcodedHost : PublicCloudHost;
                var advice = rule == PublicCloudHost
                    ? "is a public-cloud host"
                    : "is written as text; take it from a resource property or environment()";
                findings.Add(Finding.At(rule, document.DisplayPath, node, $"'{host}' {advice}"));
            }
        }
    }

    /// <summary>Region literals may appear only in a parameter's @allowed list and default, and as .bicepparam values.</summary>
    private static HashSet<BicepNode> RegionLiteralsPermittedIn(BicepDocument document)
    {
        var permitted = new HashSet<BicepNode>(ReferenceEqualityComparer.Instance);
        foreach (var parameter in document.Parameters.Values)
        {
            if (parameter.DefaultValue is { } value)
            {
                permitted.UnionWith(value.DescendantsAndSelf());
            }

            if (parameter.FindDecorator("allowed") is { } allowed)
            {
                permitted.UnionWith(allowed.Node.DescendantsAndSelf());
            }
        }

        return permitted;
    }

    private static void CheckResourceLocation(BicepDocument document, ResourceDeclaration resource, List<Finding> findings)
    {
        var location = BicepDocument.Property(resource.Body, "location");
        if (location is null)
        {
            return;
        }

        var isDnsZone = resource.FullType.StartsWith("Microsoft.Network/privateDnsZones", StringComparison.OrdinalIgnoreCase);
        if (BicepString.LiteralValue(location) is "global" && isDnsZone)
        {
            return;
        }

        if (!IsRestrictedLocationParameter(document, location))
        {
            var allowedGlobal = isDnsZone ? " or 'global'" : string.Empty;
            findings.Add(Finding.At(LocationValue, document.DisplayPath, location,
                $"resource '{resource.Symbol}' ({resource.FullType}) must take its location from the China North location parameter{allowedGlobal}"));
        }
    }

    private static void CheckModuleLocation(BicepDocument document, ModuleDeclaration module, List<Finding> findings)
    {
        var location = BicepDocument.PropertyPath(module.Body, "params", "location");
        if (location is not null && !IsRestrictedLocationParameter(document, location))
        {
            findings.Add(Finding.At(LocationValue, document.DisplayPath, location,
                $"module '{module.Symbol}' must be given the China North location parameter"));
        }
    }

    private static bool IsRestrictedLocationParameter(BicepDocument document, BicepNode value) =>
        value.Type == "identifier"
        && document.Parameters.TryGetValue(value.Text ?? string.Empty, out var parameter)
        && BicepDocument.AllowedValues(parameter) is { Count: > 0 } allowed
        && allowed.All(AzureRegions.IsChinaNorth);

    private static bool IsChinaNorthOnly(BicepDocument document, BicepNode value, int depth)
    {
        if (depth > 8)
        {
            return false;
        }

        if (value.Type == "array")
        {
            var items = value.CodeChildren.Where(c => c.Type != "decorators").ToList();
            return items.Count > 0 && items.All(i => IsChinaNorthOnly(document, i, depth + 1));
        }

        if (value.Type == "identifier" && document.Variables.TryGetValue(value.Text ?? string.Empty, out var variable))
        {
            return IsChinaNorthOnly(document, variable.Value, depth + 1);
        }

        if (IsRestrictedLocationParameter(document, value))
        {
            return true;
        }

        return BicepString.LiteralValue(value) is { } literal && AzureRegions.IsChinaNorth(literal);
    }

    private static void CheckStorage(BicepDocument document, ResourceDeclaration resource, List<Finding> findings)
    {
        var file = document.DisplayPath;
        if (IsType(resource, "Microsoft.Storage/storageAccounts"))
        {
            var sku = BicepDocument.PropertyPath(resource.Body, "sku", "name");
            var values = sku is null ? null : document.PossibleStrings(sku);
            if (values is null || values.Count == 0 || values.Any(v => !SingleRegionSkus.Contains(v)))
            {
                var shown = values is null ? "cannot be determined" : string.Join(", ", values);
                findings.Add(Finding.At(StorageRedundancy, file, sku ?? resource.Node,
                    $"storage account '{resource.Symbol}' SKU must provably be ZRS or LRS ({shown})"));
            }

            RequireLiteral(resource, ["properties", "allowSharedKeyAccess"], "false", StorageSharedKey, file, findings);
            RequireLiteral(resource, ["properties", "allowBlobPublicAccess"], "false", StoragePublicAccess, file, findings);
            RequireLiteral(resource, ["properties", "publicNetworkAccess"], "'Disabled'", StoragePublicAccess, file, findings);
        }
        else if (IsType(resource, "Microsoft.Storage/storageAccounts/blobServices/containers"))
        {
            var access = BicepDocument.PropertyPath(resource.Body, "properties", "publicAccess");
            if (access is not null && BicepString.LiteralValue(access) != "None")
            {
                findings.Add(Finding.At(StoragePublicAccess, file, access, $"container '{resource.Symbol}' must have publicAccess 'None'"));
            }
        }
    }

    private static void CheckEventHubs(BicepDocument document, ResourceDeclaration resource, List<Finding> findings)
    {
        if (IsType(resource, "Microsoft.EventHub/namespaces"))
        {
            RequireLiteral(resource, ["properties", "disableLocalAuth"], "true", EventHubsLocalAuth, document.DisplayPath, findings);
            RequireLiteral(resource, ["properties", "minimumTlsVersion"], "'1.2'", EventHubsLocalAuth, document.DisplayPath, findings);
        }
    }

    /// <summary>The property must be written, as this exact literal (a boolean, or a quoted string).</summary>
    private static void RequireLiteral(ResourceDeclaration resource, string[] path, string expected, string rule, string file, List<Finding> findings)
    {
        var value = BicepDocument.PropertyPath(resource.Body, path);
        var actual = value?.Type switch
        {
            "boolean" => value.Text,
            "string" when BicepString.LiteralValue(value) is { } s => $"'{s}'",
            _ => null,
        };
        if (actual != expected)
        {
            findings.Add(Finding.At(rule, file, value ?? resource.Node,
                $"{resource.FullType} '{resource.Symbol}' must set {string.Join('.', path)}: {expected}"));
        }
    }

    private static bool IsType(ResourceDeclaration resource, string type) =>
        resource.FullType.Equals(type, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"(^|[^A-Za-z0-9])(RA-?)?G(Z)?RS($|[^A-Za-z0-9])", RegexOptions.IgnoreCase)]
    private static partial Regex GeoRedundantSkuPattern();
}
