using System.Text.Json.Nodes;
using Residency.Infra.Tests.Arm;
using static Residency.Infra.Tests.Invariants.ResidencyInvariants;

namespace Residency.Infra.Tests.Invariants;

/// <summary>The subscription deployment assigns the built-in "Allowed locations" policy to itself with exactly the China North regions.</summary>
internal static class AllowedLocationsPolicy
{
    /// <summary>The built-in "Allowed locations" policy definition (the same id in every Azure cloud).</summary>
    public const string DefinitionId = "e56962a6-4747-49cd-b67b-bf8b01975c4c";

    public static IReadOnlyList<Finding> Check(TemplateScope root, string displayRoot)
    {
        var assignments = root.IsSubscriptionDeployment
            ? root.Resources.Where(r => TemplateScope.TypeOf(r).Equals("Microsoft.Authorization/policyAssignments", StringComparison.OrdinalIgnoreCase)
                && r["scope"] is null
                && PossibleValues.Strings(r["properties"]?["policyDefinitionId"], root) is { Count: > 0 } ids
                && ids.All(id => id.EndsWith("/" + DefinitionId, StringComparison.OrdinalIgnoreCase))).ToList()
            : [];
        var report = new FindingReporter(root, displayRoot, []);
        if (assignments.Count == 0)
        {
            return [new Finding(ResidencyInvariants.AllowedLocationsPolicy, report.File, 1,
                $"no subscription-wide assignment of the \"Allowed locations\" policy ({DefinitionId}) in this subscription deployment")];
        }

        var findings = new List<Finding>();
        foreach (var assignment in assignments)
        {
            var list = TemplateScope.Get(TemplateScope.Get(assignment["properties"]?["parameters"], "listOfAllowedLocations"), "value");
            var possible = PossibleValues.Of(list, root);
            var exact = possible is { Count: > 0 } && possible.All(c => c.Json is JsonArray a && IsExactlyChinaNorth(a, c.Scope));
            if (!exact)
            {
                findings.Add(new Finding(ResidencyInvariants.AllowedLocationsPolicy, report.File, SourceLocator.Line(root, assignment, "properties", "parameters", "listOfAllowedLocations"),
                    $"policy assignment {SourceLocator.Describe(root, assignment)}: listOfAllowedLocations must be exactly "
                    + $"{string.Join(", ", ChinaNorth)}; it can be {FindingReporter.Show(possible)}"));
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
}
