using System.Text.Json.Nodes;
using Residency.Infra.Tests.Arm;

namespace Residency.Infra.Tests.Invariants;

/// <summary>
/// Every resource's location is a parameter restricted to China North by @allowed (here, or in every module above
/// that passes it down), or 'global' for the types that are global by nature.
/// </summary>
internal static class LocationRule
{
    public static void Check(FindingReporter report, JsonObject resource)
    {
        if (resource["location"] is not JsonValue value || !value.TryGetValue(out string? location))
        {
            return;
        }

        var type = TemplateScope.TypeOf(resource);
        if (!ArmExpression.IsExpression(location))
        {
            if (!(location.Equals("global", StringComparison.OrdinalIgnoreCase) && ResidencyInvariants.GlobalTypes.Contains(type)))
            {
                report.Add(ResidencyInvariants.Location, resource, ["location"],
                    $"location is the literal '{location}'; it must come from the China North location parameter"
                    + (ResidencyInvariants.GlobalTypes.Contains(type) ? " or be 'global'" : string.Empty));
            }

            return;
        }

        var why = ArmExpression.Parse(location).IsParameterReference(out var parameter)
            ? WhyNotChinaNorthParameter(report.Scope, parameter)
            : $"it is {location}, not a parameter";
        if (why is not null)
        {
            report.Add(ResidencyInvariants.Location, resource, ["location"], $"location does not come from the China North location parameter: {why}");
        }
    }

    /// <summary>Null when the parameter is restricted to China North (@allowed), here or in every module above that feeds it.</summary>
    private static string? WhyNotChinaNorthParameter(TemplateScope scope, string parameter)
    {
        var declaration = scope.ParameterDeclaration(parameter);
        var allowed = (declaration?["allowedValues"] as JsonArray)?.Select(v => v?.GetValue<string>() ?? "null").ToList() ?? [];
        if (allowed.Count > 0 && allowed.All(ResidencyInvariants.ChinaNorth.Contains))
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
            ? $"parameter '{parameter}' allows {string.Join(", ", allowed.Where(a => !ResidencyInvariants.ChinaNorth.Contains(a)))}, outside China North"
            : $"parameter '{parameter}' is not restricted to China North with @allowed, and no restricted parameter is passed to it";
    }
}
