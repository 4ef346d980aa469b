using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Residency.Classification.Detectors;
using Residency.Classification.Policy;
using Xunit;

namespace Residency.Classification.Tests;

public partial class PolicyTests
{
    [Fact]
    public void Default_policy_is_cn_auto_stamped_with_the_sha256_of_its_bytes()
    {
        var policy = ClassificationPolicy.Default;
        Assert.Equal("cn-auto", policy.Id);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(ClassificationPolicy.DefaultPolicyJson.Span)), policy.Sha256);
        Assert.Matches("^[0-9a-f]{64}$", policy.Sha256);
    }

    [Fact]
    public void Default_policy_names_every_field_of_vehicle_upload_1()
    {
        var policy = ClassificationPolicy.Default;
        foreach (var path in VehicleUploadSchema.LeafPaths.Where(p => !p.StartsWith("$.camera[*].", StringComparison.Ordinal)))
        {
            Assert.NotEqual(policy.Fallback.Id, policy.EffectiveRuleFor(path).Id);
        }

        // Camera frames are classified as a whole by conditional rules on $.camera[*].
        Assert.Equal("camera-exterior", policy.EffectiveRuleFor("$.camera[*]").Id);
        Assert.Equal(2, policy.Rules.Count(r => r.Path == "$.camera[*]" && r.When is not null));
    }

    [Fact]
    public void Default_policy_enables_every_detector_and_cites_a_source_for_every_rule()
    {
        var policy = ClassificationPolicy.Default;
        foreach (var kind in ValueDetectors.All)
        {
            Assert.NotNull(policy.RuleFor(kind));
        }

        Assert.All(policy.Rules.Append(policy.Fallback), r => Assert.False(string.IsNullOrWhiteSpace(r.Reference)));
    }

    [Fact]
    public void Default_policy_cites_only_automotive_provisions_articles_that_were_seen()
    {
        // docs/regulations.md: Art. 1-3 of the Provisions were seen; later articles are only reported (cite without numbers).
        foreach (var rule in ClassificationPolicy.Default.Rules)
        {
            foreach (Match m in ProvisionsArticle().Matches(rule.Reference))
            {
                Assert.True(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) <= 3, $"rule {rule.Id} cites {m.Value}");
            }
        }
    }

    [Fact]
    public void Policy_show_effective_rules_inherit_from_containers()
    {
        var policy = Load(Mutate(p => p["rules"]!.AsArray().Add(JsonNode.Parse(
            """{ "id": "signals-all", "path": "$.signals", "level": "general", "category": "vehicle-state", "action": "keep", "reference": "test" }"""))));
        Assert.Equal("signals-all", policy.EffectiveRuleFor("$.signals.newSignal").Id);
        Assert.Equal("signal-speed", policy.EffectiveRuleFor("$.signals.speedKph").Id);
        var upload = new UploadClassifier(policy, PseudonymizationKey.Development).Classify(Encoding.UTF8.GetBytes(Samples.Minimal("\"signals\":{\"newSignal\":3}")));
        Assert.Equal(DataLevel.General, Assert.Single(upload.Fields, f => f.Path == "$.signals.newSignal").Level);
    }

    [Theory]
    [InlineData("""{ "id": "r1", "path": "$.a", "level": "secret", "category": "x", "action": "keep", "reference": "r" }""", "rule 'r1': level 'secret'")]
    [InlineData("""{ "id": "r1", "path": "$.a", "level": "general", "category": "Bad Category", "action": "keep", "reference": "r" }""", "rule 'r1': category 'Bad Category'")]
    [InlineData("""{ "id": "r1", "path": "owner.phone", "level": "general", "category": "x", "action": "keep", "reference": "r" }""", "rule 'r1': path 'owner.phone' must start with '$'")]
    [InlineData("""{ "id": "r1", "path": "$.a[0]", "level": "general", "category": "x", "action": "keep", "reference": "r" }""", "rule 'r1': path '$.a[0]'")]
    [InlineData("""{ "id": "r1", "level": "general", "category": "x", "action": "keep", "reference": "r" }""", "rule 'r1': needs exactly one of 'path' or 'detector'")]
    [InlineData("""{ "id": "r1", "detector": "ssn", "level": "general", "category": "x", "action": "keep", "reference": "r" }""", "rule 'r1': detector 'ssn' is unknown")]
    [InlineData("""{ "id": "r1", "path": "$.a", "level": "general", "category": "x", "action": "shred", "reference": "r" }""", "rule 'r1': action 'shred'")]
    [InlineData("""{ "id": "r1", "path": "$.a", "level": "general", "category": "x", "action": "generalize", "reference": "r" }""", "rule 'r1': action generalize needs exactly one of 'grid'")]
    [InlineData("""{ "id": "r1", "path": "$.a", "level": "general", "category": "x", "action": { "type": "mask", "keepFirst": -1 }, "reference": "r" }""", "rule 'r1': action parameter 'keepFirst'")]
    [InlineData("""{ "id": "r1", "path": "$.a", "level": "general", "category": "x", "action": { "type": "keep", "grid": 0.1 }, "reference": "r" }""", "rule 'r1': 'grid' and 'truncate' apply only to action generalize")]
    [InlineData("""{ "id": "r1", "path": "$.a", "level": "general", "category": "x", "action": "keep" }""", "rule 'r1': 'reference' is required")]
    [InlineData("""{ "id": "r1", "path": "$.a", "level": "general", "category": "x", "action": "keep", "reference": "r", "colour": "red" }""", "(rule 'r1'): unknown property 'colour'")]
    [InlineData("""{ "id": "r1", "path": "$.a", "level": "general", "category": "x", "action": "mask", "reference": "r", "when": { "field": "x", "missing": true } }""", "rule 'r1': a rule with 'when' classifies a whole node")]
    [InlineData("""{ "id": "r1", "path": "$.a", "level": "general", "category": "x", "action": "keep", "reference": "r", "when": { "field": "x" } }""", "rule 'r1': condition on 'x' needs exactly one of")]
    [InlineData("""{ "id": "r1", "detector": "email", "level": "personal", "category": "x", "action": { "type": "generalize", "grid": 1 }, "reference": "r" }""", "rule 'r1': generalize applies to numbers and timestamps")]
    [InlineData("""{ "id": "vin", "path": "$.a", "level": "general", "category": "x", "action": "keep", "reference": "r" }""", "rule 'vin': the id is used by another rule")]
    [InlineData("""{ "id": "r1", "path": "$.owner.phone", "level": "personal", "category": "x", "action": "keep", "reference": "r" }""", "rule 'r1': path '$.owner.phone' is already matched by rule 'owner-phone'")]
    [InlineData("""{ "id": "r1", "detector": "email", "level": "personal", "category": "x", "action": "keep", "reference": "r" }""", "rule 'r1': detector 'email' is already configured by rule 'detect-email'")]
    [InlineData("""{ "id": "r1", "path": "$.a", "level": "general", "category": "x", "action": "deidentify-image", "reference": "r" }""", "rule 'r1': deidentify-image applies to the elements of a top-level array of camera frames")]
    [InlineData("""{ "id": "r1", "path": "$.a", "level": "general", "category": "x", "action": { "type": "keep", "blur": "pixelate" }, "reference": "r" }""", "rule 'r1': 'detectors', 'blur', 'minConfidence' and 'tiling' apply only to action deidentify-image")]
    [InlineData("""{ "id": "r1", "path": "$.frames[*]", "level": "important", "category": "x", "action": { "type": "deidentify-image", "minConfidence": 1.5 }, "reference": "r" }""", "rule 'r1': action parameter 'minConfidence' must be a number between 0 and 1")]
    [InlineData("""{ "id": "r1", "path": "$.frames[*]", "level": "important", "category": "x", "action": { "type": "deidentify-image", "detectors": [] }, "reference": "r" }""", "rule 'r1': 'detectors' must name at least one of faces, plates, all-text")]
    [InlineData("""{ "path": "$.a", "level": "general", "category": "x", "action": "keep", "reference": "r" }""", "'id' is required")]
    public void Invalid_rules_are_reported_by_name_with_what_is_wrong(string rule, string expected)
    {
        var ex = Assert.Throws<PolicyValidationException>(() => Load(Mutate(p => p["rules"]!.AsArray().Add(JsonNode.Parse(rule)))));
        Assert.Contains(ex.Errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_deidentify_image_rule_names_its_frame_array_and_is_picked_as_the_classifier_picks()
    {
        var policy = Load(Mutate(p => p["rules"]!.AsArray().Add(JsonNode.Parse(
            """{ "id": "dashcam", "path": "$.dashcam[*]", "level": "important", "category": "exterior-media", "action": { "type": "deidentify-image", "detectors": ["faces", "all-text"], "blur": "pixelate", "minConfidence": 0.5, "tiling": false }, "reference": "test" }"""))));

        Assert.Equal(["camera", "dashcam"], policy.FrameArrays);
        var image = Assert.IsType<ImageDeidentification>(policy.EffectiveRuleFor("$.dashcam[*]").Action.Image);
        Assert.Equal([ImageDetector.Faces, ImageDetector.AllText], image.Detectors);
        Assert.Equal((ImageBlur.Pixelate, 0.5, false), (image.Blur, image.MinConfidence, image.Tiling));
        Assert.Equal("camera-interior", policy.RuleForElement("camera", """{"position":"cabin"}"""u8).Id);
        Assert.Equal("camera-exterior-identifying", policy.RuleForElement("camera", """{"position":"front","detections":{"faces":1,"plates":0}}"""u8).Id);
        Assert.Equal("camera-exterior", policy.RuleForElement("camera", """{"position":"front","detections":{"faces":0,"plates":0}}"""u8).Id);
    }

    [Fact]
    public void Envelope_rules_are_constrained()
    {
        var ex = Assert.Throws<PolicyValidationException>(() => Load(Mutate(p =>
        {
            var rules = p["rules"]!.AsArray();
            rules.First(r => (string?)r!["id"] == "vin")!["level"] = "general";
            rules.First(r => (string?)r!["id"] == "message-id")!["action"] = "pseudonymize";
        })));
        Assert.Contains(ex.Errors, e => e.StartsWith("rule 'vin': $.vin must be level personal", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.StartsWith("rule 'message-id': $.messageId travels in every fragment", StringComparison.Ordinal));
    }

    [Fact]
    public void Fallback_must_fail_closed()
    {
        var ex = Assert.Throws<PolicyValidationException>(() => Load(Mutate(p => p["fallback"]!["level"] = "general")));
        Assert.Contains(ex.Errors, e => e.Contains("fallback rule 'unnamed-field': level must be personal or higher", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ "id": "g1", "boundingBox": { "south": 40, "west": 116, "north": 39, "east": 117 } }""", "geofence 'g1': boundingBox needs south < north")]
    [InlineData("""{ "id": "g1", "polygon": [ { "lat": 1, "lon": 2 } ] }""", "geofence 'g1': polygon must be an array of at least 3")]
    [InlineData("""{ "id": "g1", "boundingBox": { "south": 39, "west": 116, "north": 95, "east": 117 } }""", "geofence 'g1': 'north' must lie between -90 and 90")]
    [InlineData("""{ "id": "g1" }""", "geofence 'g1': needs exactly one of 'boundingBox' or 'polygon'")]
    public void Invalid_geofences_are_reported_by_id(string geofence, string expected)
    {
        var ex = Assert.Throws<PolicyValidationException>(() => Load(Mutate(p => p["geofences"]!.AsArray().Add(JsonNode.Parse(geofence)))));
        Assert.Contains(ex.Errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Geofences_need_a_geofence_rule()
    {
        var ex = Assert.Throws<PolicyValidationException>(() => Load(Mutate(p =>
        {
            var rules = p["rules"]!.AsArray();
            rules.Remove(rules.First(r => (string?)r!["detector"] == "geofence"));
        })));
        Assert.Contains(ex.Errors, e => e.Contains("no rule with detector 'geofence'", StringComparison.Ordinal));
    }

    [Fact]
    public void All_errors_are_reported_at_once()
    {
        var ex = Assert.Throws<PolicyValidationException>(() => Load(Mutate(p =>
        {
            p["rules"]!.AsArray().Add(JsonNode.Parse("""{ "id": "a1", "path": "$.a", "level": "x", "category": "c", "action": "keep", "reference": "r" }"""));
            p["rules"]!.AsArray().Add(JsonNode.Parse("""{ "id": "a2", "path": "$.b", "level": "general", "category": "c", "action": "nope", "reference": "r" }"""));
        })));
        Assert.Equal(2, ex.Errors.Count);
    }

    [Fact]
    public void Not_json_is_a_validation_error()
    {
        var ex = Assert.Throws<PolicyValidationException>(() => ClassificationPolicy.Load("{ \"id\": "u8));
        Assert.Contains("not valid JSON", ex.Errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Polygon_geofences_contain_points_inside_only()
    {
        var policy = Load(Mutate(p => p["geofences"]!.AsArray().Add(JsonNode.Parse(
            """{ "id": "triangle", "polygon": [ { "lat": 30, "lon": 120 }, { "lat": 30, "lon": 121 }, { "lat": 31, "lon": 120 } ] }"""))));
        var triangle = policy.Geofences.Single(g => g.Id == "triangle");
        Assert.True(triangle.Contains(30.2, 120.2));
        Assert.False(triangle.Contains(30.9, 120.9));
        var classifier = new UploadClassifier(policy, PseudonymizationKey.Development);
        var upload = classifier.Classify(Encoding.UTF8.GetBytes(Samples.Minimal("\"location\":{\"lat\":30.2,\"lon\":120.2}")));
        Assert.Equal(DataLevel.Important, upload.Level);
    }

    internal static byte[] Mutate(Action<JsonObject> change)
    {
        var node = JsonNode.Parse(ClassificationPolicy.DefaultPolicyJson.Span)!.AsObject();
        change(node);
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    private static ClassificationPolicy Load(byte[] bytes) => ClassificationPolicy.Load(bytes);

    [GeneratedRegex(@"Automotive Data Provisions[^;)]*?Art\. (\d+)")]
    private static partial Regex ProvisionsArticle();
}
