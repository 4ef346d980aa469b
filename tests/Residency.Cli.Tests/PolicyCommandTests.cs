using System.Text.Json.Nodes;
using Residency.Classification;
using Xunit;

namespace Residency.Cli.Tests;

public class PolicyCommandTests
{
    [Fact]
    public void Validate_accepts_the_default_policy_and_prints_its_stamp()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("cn-auto.json", System.Text.Encoding.UTF8.GetString(ClassificationPolicy.DefaultPolicyJson.Span));
        var (exitCode, output, _) = CliRunner.Run("policy", "validate", path);
        Assert.Equal(0, exitCode);
        Assert.Contains("valid: policy cn-auto", output, StringComparison.Ordinal);
        Assert.Contains(ClassificationPolicy.Default.Sha256, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_reports_every_error_and_exits_3()
    {
        var node = JsonNode.Parse(ClassificationPolicy.DefaultPolicyJson.Span)!.AsObject();
        node["rules"]!.AsArray().Add(JsonNode.Parse("""{ "id": "camera-raw", "path": "$.camera[*]", "level": "general", "category": "x", "action": "keep", "reference": "r" }"""));
        node["fallback"]!["level"] = "general";
        using var dir = new TempDirectory();
        var path = dir.Write("broken.json", node.ToJsonString());
        var (exitCode, output, error) = CliRunner.Run("policy", "validate", path);
        Assert.Equal(3, exitCode);
        Assert.Empty(output);
        Assert.Contains("(2 errors)", error, StringComparison.Ordinal);
        Assert.Contains("rule 'camera-raw': path '$.camera[*]' is already matched by rule 'camera-exterior'", error, StringComparison.Ordinal);
        Assert.Contains("fallback rule 'unnamed-field': level must be personal or higher", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("trailing", "the policy must be one JSON document, but more follows it")]
    [InlineData("duplicate", "$.geofences[0].boundingBox (geofence 'example-bj-central-organs'): property 'south' appears more than once")]
    [InlineData("unknown-in-shape", "$.geofences[0].boundingBox (geofence 'example-bj-central-organs'): unknown property 'radius'")]
    [InlineData("vin-moved", "$.vin has no rule of its own, so fallback rule 'unnamed-field' would make it sensitive")]
    public void Validate_and_classify_refuse_loose_policies_with_exit_3(string defect, string expected)
    {
        var text = System.Text.Encoding.UTF8.GetString(ClassificationPolicy.DefaultPolicyJson.Span);
        text = defect switch
        {
            "trailing" => text + "\n{}",
            "duplicate" => text.Replace("\"south\": 39.9075,", "\"south\": 39.9075, \"south\": 1,", StringComparison.Ordinal),
            "unknown-in-shape" => text.Replace("\"south\": 39.9075,", "\"south\": 39.9075, \"radius\": 1,", StringComparison.Ordinal),
            _ => VinMoved(),
        };
        using var dir = new TempDirectory();
        var path = dir.Write(defect + ".json", text);
        var (exitCode, output, error) = CliRunner.Run("policy", "validate", path);
        Assert.Equal(3, exitCode);
        Assert.Empty(output);
        Assert.Contains(expected, error, StringComparison.Ordinal);

        var upload = System.IO.Path.Combine(Residency.Testing.RepoPaths.Root, "samples", "uploads", "telemetry.json");
        (exitCode, output, error) = CliRunner.Run("classify", "--policy", path, upload);
        Assert.Equal(3, exitCode);
        Assert.Empty(output);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    private static string VinMoved()
    {
        var node = JsonNode.Parse(ClassificationPolicy.DefaultPolicyJson.Span)!.AsObject();
        var rules = node["rules"]!.AsArray();
        rules.Remove(rules.First(r => (string?)r!["id"] == "vin"));
        node["fallback"]!["level"] = "sensitive";
        return node.ToJsonString();
    }

    [Fact]
    public void Show_prints_every_rule_with_level_action_and_reference()
    {
        var (exitCode, output, _) = CliRunner.Run("policy", "show");
        Assert.Equal(0, exitCode);
        Assert.Contains("RULE", output, StringComparison.Ordinal);
        foreach (var rule in ClassificationPolicy.Default.Rules)
        {
            Assert.Contains(rule.Id, output, StringComparison.Ordinal);
            Assert.Contains($"  {rule.Id}: {rule.Reference}", output, StringComparison.Ordinal);
        }

        Assert.Contains("mask(keepFirst=3,keepLast=4)", output, StringComparison.Ordinal);
        Assert.Contains("example-bj-central-organs", output, StringComparison.Ordinal);
    }
}
