using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace Residency.Classification.Tests;

/// <summary>A policy is one JSON document with no unknown properties and no duplicate keys anywhere, and it cannot move the raw VIN.</summary>
public class PolicyStrictnessTests
{
    private static string DefaultText => Encoding.UTF8.GetString(ClassificationPolicy.DefaultPolicyJson.Span);

    private static PolicyValidationException Invalid(string policy) =>
        Assert.Throws<PolicyValidationException>(() => ClassificationPolicy.Load(Encoding.UTF8.GetBytes(policy)));

    private static PolicyValidationException Invalid(byte[] policy) => Assert.Throws<PolicyValidationException>(() => ClassificationPolicy.Load(policy));

    [Fact]
    public void Content_after_the_document_is_refused_but_comments_may_follow()
    {
        var ex = Invalid(DefaultText + "\n{ \"id\": \"second\" }");
        Assert.Contains("must be one JSON document", Assert.Single(ex.Errors), StringComparison.Ordinal);
        Invalid(DefaultText + " x");
        Assert.Equal("cn-auto", ClassificationPolicy.Load(Encoding.UTF8.GetBytes(DefaultText + "\n// reviewed 2026-11\n/* end */\n")).Id);
    }

    [Theory]
    [InlineData("""{ "id": "g1", "boundingBox": { "south": 39, "west": 116, "north": 40, "east": 117, "souht": 38 } }""", "$.geofences[1].boundingBox (geofence 'g1'): unknown property 'souht'")]
    [InlineData("""{ "id": "g1", "polygon": [ { "lat": 30, "lon": 120 }, { "lat": 30, "lon": 121, "alt": 5 }, { "lat": 31, "lon": 120 } ] }""", "$.geofences[1].polygon[1] (geofence 'g1'): unknown property 'alt'")]
    [InlineData("""{ "id": "g1", "boundingBox": { "south": 39, "west": 116, "north": 40, "east": 117 }, "radius": 3 }""", "$.geofences[1] (geofence 'g1'): unknown property 'radius'")]
    public void Unknown_properties_inside_geofence_shapes_are_errors_naming_the_path(string geofence, string expected)
    {
        var ex = Invalid(PolicyTests.Mutate(p => p["geofences"]!.AsArray().Add(JsonNode.Parse(geofence))));
        Assert.Contains(ex.Errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_properties_in_nested_conditions_and_actions_are_errors_naming_the_path()
    {
        var ex = Invalid(PolicyTests.Mutate(p =>
        {
            var rules = p["rules"]!.AsArray();
            var camera = rules.First(r => (string?)r!["id"] == "camera-exterior-identifying")!;
            camera["when"]!["any"]![0]!["feild"] = "x";
            rules.First(r => (string?)r!["id"] == "owner-phone")!["action"]!["keepMiddle"] = 1;
            p["positions"]!["altitude"] = "alt";
            p["extra"] = true;
        }));
        var camera = ClassificationPolicy.Default.Rules.ToList().FindIndex(r => r.Id == "camera-exterior-identifying");
        var phone = ClassificationPolicy.Default.Rules.ToList().FindIndex(r => r.Id == "owner-phone");
        Assert.Contains($"$.rules[{camera}].when.any[0] (rule 'camera-exterior-identifying'): unknown property 'feild' (allowed: field, in, greaterThan, missing).", ex.Errors);
        Assert.Contains(ex.Errors, e => e.StartsWith($"$.rules[{phone}].action (rule 'owner-phone'): unknown property 'keepMiddle'", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.StartsWith("$.positions: unknown property 'altitude'", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.StartsWith("$: unknown property 'extra'", StringComparison.Ordinal));
    }

    [Fact]
    public void Duplicate_keys_anywhere_are_errors_naming_the_path()
    {
        var text = DefaultText
            .Replace("\"id\": \"owner-phone\", ", "\"id\": \"owner-phone\", \"level\": \"general\", ", StringComparison.Ordinal)
            .Replace("\"south\": 39.9075,", "\"south\": 39.9075, \"south\": 30,", StringComparison.Ordinal);
        text = "{ \"rules\": [], " + text.TrimStart()[1..];
        var ex = Invalid(text);
        var phone = ClassificationPolicy.Default.Rules.ToList().FindIndex(r => r.Id == "owner-phone");
        Assert.Contains("$: property 'rules' appears more than once (a JSON reader would keep only one of them).", ex.Errors);
        Assert.Contains($"$.rules[{phone}] (rule 'owner-phone'): property 'level' appears more than once (a JSON reader would keep only one of them).", ex.Errors);
        Assert.Contains("$.geofences[0].boundingBox (geofence 'example-bj-central-organs'): property 'south' appears more than once (a JSON reader would keep only one of them).", ex.Errors);
    }

    [Fact]
    public void Duplicate_keys_inside_free_text_objects_are_found_too()
    {
        var text = DefaultText.Replace("\"description\": \"", "\"note\": { \"a\": 1, \"a\": 2 }, \"description\": \"", StringComparison.Ordinal);
        var ex = Invalid(text);
        Assert.Contains("$.note: property 'a' appears more than once (a JSON reader would keep only one of them).", ex.Errors);
        Assert.Contains(ex.Errors, e => e.StartsWith("$: unknown property 'note'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_policy_without_a_vin_rule_cannot_move_the_raw_vin()
    {
        // Without its own rule, $.vin falls to the fallback: a sensitive fallback would put the raw VIN in the sensitive fragment.
        var ex = Invalid(PolicyTests.Mutate(p =>
        {
            var rules = p["rules"]!.AsArray();
            rules.Remove(rules.First(r => (string?)r!["id"] == "vin"));
            p["fallback"]!["level"] = "sensitive";
        }));
        Assert.Contains("$.vin has no rule of its own, so fallback rule 'unnamed-field' would make it sensitive with action keep: "
            + "add a rule for $.vin with level personal and action keep (the raw VIN lives only in the personal fragment).", ex.Errors);

        // A fallback that hides values would leave no raw VIN in the personal fragment either.
        ex = Invalid(PolicyTests.Mutate(p =>
        {
            var rules = p["rules"]!.AsArray();
            rules.Remove(rules.First(r => (string?)r!["id"] == "vin"));
            p["fallback"]!["action"] = "pseudonymize";
        }));
        Assert.Contains(ex.Errors, e => e.StartsWith("$.vin has no rule of its own, so fallback rule 'unnamed-field' would make it personal with action pseudonymize", StringComparison.Ordinal));

        // A personal fallback that keeps values keeps the VIN where it belongs: valid.
        var policy = ClassificationPolicy.Load(PolicyTests.Mutate(p =>
        {
            var rules = p["rules"]!.AsArray();
            rules.Remove(rules.First(r => (string?)r!["id"] == "vin"));
        }));
        var upload = new UploadClassifier(policy, PseudonymizationKey.Development).Classify(Encoding.UTF8.GetBytes(Samples.Minimal()));
        Assert.Contains("LSJA24U62JG269225", Samples.FragmentText(upload, DataLevel.Personal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pseudonymize")]
    [InlineData("drop")]
    public void The_vin_rule_must_keep_the_vin_in_the_personal_fragment(string action)
    {
        var ex = Invalid(PolicyTests.Mutate(p => p["rules"]!.AsArray().First(r => (string?)r!["id"] == "vin")!["action"] = action));
        Assert.Contains("rule 'vin': $.vin must be level personal with action keep (the raw VIN lives only in the personal fragment).", ex.Errors);
    }
}
