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
