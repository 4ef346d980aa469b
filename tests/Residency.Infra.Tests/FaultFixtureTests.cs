using Residency.Infra.Tests.Checks;
using Residency.Infra.Tests.Model;
using Residency.Infra.Tests.Types;
using Xunit;

namespace Residency.Infra.Tests;

/// <summary>Each fixture under Fixtures/ holds one deliberate fault; every check runs on it and exactly the expected rules fire.</summary>
public class FaultFixtureTests
{
    [Theory]
    [InlineData("syntax-error.bicep", SyntaxCheck.Rule)]
    [InlineData("unknown-property.bicep", TypeConformance.UnknownProperty)]
    [InlineData("public-cloud-host.bicep", ResidencyRules.PublicCloudHost)]
    [InlineData("china-host-literal.bicep", ResidencyRules.HardcodedHost)]
    [InlineData("east-region.bicep", ResidencyRules.LocationAllowed + "," + ResidencyRules.LocationValue + "," + ResidencyRules.RegionLiteral)]
    [InlineData("east-region.bicepparam", ResidencyRules.RegionLiteral + "," + TypeConformance.NotAMember)]
    [InlineData("grs-sku.bicep", ResidencyRules.GeoRedundantSku + "," + ResidencyRules.StorageRedundancy)]
    [InlineData("storage-open.bicep", ResidencyRules.StorageSharedKey + "," + ResidencyRules.StoragePublicAccess)]
    [InlineData("eventhubs-local-auth.bicep", ResidencyRules.EventHubsLocalAuth)]
    [InlineData("location-literal.bicep", ResidencyRules.LocationValue + "," + ResidencyRules.RegionLiteral)]
    [InlineData("no-policy.bicep", ResidencyRules.PolicyAssignment)]
    [InlineData("read-only-property.bicep", TypeConformance.ReadOnlyProperty)]
    [InlineData("missing-required.bicep", TypeConformance.MissingRequired)]
    [InlineData("not-a-member.bicep", TypeConformance.NotAMember)]
    [InlineData("unknown-api-version.bicep", TypeConformance.UnknownType)]
    [InlineData("wrong-type.bicep", TypeConformance.WrongType)]
    [InlineData("runtime-value.bicep", CompilerRules.RuntimeValue)]
    [InlineData("unused-and-secret.bicep", CompilerRules.Unused + "," + CompilerRules.SecretParameter)]
    [InlineData("wrong-scope.bicep", TypeConformance.WrongScope + "," + ResidencyRules.PolicyAssignment)]
    [InlineData("module-arguments.bicep", TypeConformance.WrongType + "," + TypeConformance.UnknownProperty + "," + TypeConformance.MissingRequired)]
    [InlineData("wrong-type.bicepparam", TypeConformance.WrongType)]
    [InlineData("east-region-target.bicep", "")]
    [InlineData("fixture-module.bicep", "")]
    public void Fixture_fault_is_caught_by_its_rule(string fixture, string expectedRules)
    {
        var findings = AllChecks(fixture);

        var expected = expectedRules.Split(',', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToList();
        var actual = findings.Select(f => f.Rule).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(expected.SequenceEqual(actual),
            $"expected [{string.Join(", ", expected)}] but found:{Environment.NewLine}{string.Join(Environment.NewLine, findings)}");
    }

    [Fact]
    public void Findings_name_the_file_line_and_property()
    {
        var finding = Assert.Single(AllChecks("unknown-property.bicep"));

        Assert.Equal("tests/Residency.Infra.Tests/Fixtures/unknown-property.bicep", finding.File);
        Assert.Equal(18, finding.Line);
        Assert.Contains("disableLocalAuthentication", finding.Message, StringComparison.Ordinal);
    }

    private static List<Finding> AllChecks(string fixture)
    {
        var file = InfraFiles.Fixture(fixture);
        var findings = new List<Finding>(SyntaxCheck.Check(file));
        var document = InfraFiles.Document(file);
        findings.AddRange(ResidencyRules.Check(document, InfraFiles.Hosts));
        findings.AddRange(InfraFiles.TypeChecker().Check(document));
        findings.AddRange(CompilerRules.Check(document));
        if (document.TargetScope == "subscription")
        {
            findings.AddRange(ResidencyRules.CheckPolicyAssignments([document]));
        }

        return findings;
    }
}
