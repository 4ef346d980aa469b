using System.Text.Json.Nodes;
using Xunit;

namespace Residency.Classification.Tests;

/// <summary>The policy model (Policy/Format) is the one description of the format: what it says about JSON types, names and
/// required properties is checked everywhere, every problem at once, each with its JSON path.</summary>
public class PolicyFormatTests
{
    private static readonly List<string> RuleIds = [.. ClassificationPolicy.Default.Rules.Select(r => r.Id)];

    private static PolicyValidationException Invalid(Action<JsonObject> change) =>
        Assert.Throws<PolicyValidationException>(() => ClassificationPolicy.Load(PolicyTests.Mutate(change)));

    private static JsonObject Rule(JsonObject policy, string id) => policy["rules"]!.AsArray().First(r => (string?)r!["id"] == id)!.AsObject();

    [Fact]
    public void Wrong_json_types_are_reported_with_their_paths_all_at_once()
    {
        var ex = Invalid(p =>
        {
            Rule(p, "charging-lat")["action"]!["grid"] = "0.001";
            Rule(p, "owner-phone")["action"]!["keepFirst"] = 1.5;
            Rule(p, "camera-interior")["when"]!["in"]![0] = 1;
            p["version"] = 2026;
            p["geofences"]![0]!["boundingBox"]!["south"] = null;
            p["positions"] = new JsonArray();
        });
        Assert.Equal(
            [
                "the policy: 'version' must be a string (at $.version).",
                "the policy: 'positions' must be an object (at $.positions).",
                "geofence 'example-bj-central-organs': 'south' must be a number (at $.geofences[0].boundingBox.south).",
                $"rule 'owner-phone': 'keepFirst' must be a whole number (at $.rules[{RuleIds.IndexOf("owner-phone")}].action.keepFirst).",
                $"rule 'camera-interior': 'in[0]' must be a string (at $.rules[{RuleIds.IndexOf("camera-interior")}].when.in[0]).",
                $"rule 'charging-lat': 'grid' must be a number (at $.rules[{RuleIds.IndexOf("charging-lat")}].action.grid).",
            ],
            ex.Errors);
    }

    [Fact]
    public void Unknown_names_are_reported_with_the_allowed_names_and_must_match_exactly()
    {
        var ex = Invalid(p =>
        {
            Rule(p, "firmware")["level"] = "General";
            Rule(p, "signal-gear")["action"] = 4;
            Rule(p, "trajectory-time")["action"]!["truncate"] = "week";
            Rule(p, "owner-phone")["action"]!["type"] = "hide";
        });
        Assert.Contains($"rule 'firmware': level 'General' is not one of general, personal, sensitive, important (at $.rules[{RuleIds.IndexOf("firmware")}].level).", ex.Errors);
        Assert.Contains($"rule 'signal-gear': action 4 is not one of keep, pseudonymize, generalize, mask, drop, deidentify-image (at $.rules[{RuleIds.IndexOf("signal-gear")}].action).", ex.Errors);
        Assert.Contains($"rule 'trajectory-time': truncate 'week' is not one of second, minute, hour, day (at $.rules[{RuleIds.IndexOf("trajectory-time")}].action.truncate).", ex.Errors);
        Assert.Contains($"rule 'owner-phone': type 'hide' is not one of keep, pseudonymize, generalize, mask, drop, deidentify-image (at $.rules[{RuleIds.IndexOf("owner-phone")}].action.type).", ex.Errors);
        Assert.Equal(4, ex.Errors.Count);
    }

    [Fact]
    public void Missing_or_empty_required_properties_are_reported_with_their_owner()
    {
        var ex = Invalid(p =>
        {
            p["fallback"]!.AsObject().Remove("action");
            Rule(p, "vin")["reference"] = string.Empty;
            Rule(p, "camera-interior")["when"] = JsonNode.Parse("""{ "in": ["cabin"] }""");
            p["geofences"]![0]!["boundingBox"]!.AsObject().Remove("east");
            p.Remove("schema");
        });
        Assert.Contains("the policy: 'schema' is required (at $).", ex.Errors);
        Assert.Contains("fallback rule 'unnamed-field': 'action' is required (at $.fallback).", ex.Errors);
        Assert.Contains($"rule 'vin': 'reference' must not be empty (at $.rules[{RuleIds.IndexOf("vin")}].reference).", ex.Errors);
        Assert.Contains($"rule 'camera-interior': 'field' is required (at $.rules[{RuleIds.IndexOf("camera-interior")}].when).", ex.Errors);
        Assert.Contains("geofence 'example-bj-central-organs': 'east' is required (at $.geofences[0].boundingBox).", ex.Errors);
        Assert.Equal(5, ex.Errors.Count);
    }

    [Fact]
    public void A_misspelt_property_is_reported_alone_not_with_the_errors_it_would_cause()
    {
        // Without its "when", camera-interior would also clash with camera-exterior on $.camera[*]: the typo is the one error.
        var camera = RuleIds.IndexOf("camera-interior");
        var ex = Invalid(p =>
        {
            var rule = Rule(p, "camera-interior");
            rule["wehn"] = rule["when"]!.DeepClone();
            rule.Remove("when");
        });
        Assert.Equal($"$.rules[{camera}] (rule 'camera-interior'): unknown property 'wehn' (allowed: id, path, detector, level, category, action, reference, when, note, identifies).", Assert.Single(ex.Errors));
    }

    [Fact]
    public void A_condition_is_a_field_test_or_a_combination_never_both()
    {
        var camera = RuleIds.IndexOf("camera-interior");
        var ex = Invalid(p => Rule(p, "camera-interior")["when"] = JsonNode.Parse("""{ "any": [ { "field": "position", "missing": true } ], "field": "x" }"""));
        Assert.Equal($"$.rules[{camera}].when (rule 'camera-interior'): unknown property 'field' (allowed: any, all).", Assert.Single(ex.Errors));

        ex = Invalid(p => Rule(p, "camera-interior")["when"] = JsonNode.Parse("""{ "any": [ { "field": "a", "missing": true } ], "all": [] }"""));
        Assert.Contains("rule 'camera-interior': a condition takes one of 'any' or 'all', not both.", ex.Errors);
    }
}
