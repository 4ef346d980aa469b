using Residency.Infra.Tests.Checks;
using Residency.Infra.Tests.Model;
using Residency.Infra.Tests.Parsing;
using Residency.Infra.Tests.Tools;
using Xunit;

namespace Residency.Infra.Tests;

public class SyntaxTests
{
    public static TheoryData<string> InfraFilePaths() => new(InfraFiles.InfraRelativePaths());

    [Fact]
    public void Infra_holds_the_templates_modules_and_parameter_files()
    {
        var files = InfraFiles.InfraRelativePaths();

        Assert.Contains("main.bicep", files);
        Assert.Contains("main.dev.bicepparam", files);
        Assert.Contains("main.prod.bicepparam", files);
        Assert.True(files.Count(f => f.StartsWith("modules/", StringComparison.Ordinal)) >= 8, string.Join(", ", files));
    }

    /// <summary>
    /// tree-sitter-bicep parses the file with no ERROR or MISSING node. When a bicep CLI is on PATH the same test
    /// also builds and lints the file; without one it checks the tree-sitter parse only.
    /// </summary>
    [Theory]
    [MemberData(nameof(InfraFilePaths))]
    public void Infra_file_parses_without_errors(string relativePath)
    {
        var file = InfraFiles.Infra(relativePath);

        Assert.Empty(SyntaxCheck.Check(file));
        Assert.NotEmpty(file.Root.CodeChildren);
        if (BicepCli.Path is not null)
        {
            Assert.Empty(BicepCli.BuildAndLint(file.FullPath));
        }
    }

    [Fact]
    public void Syntax_error_fixture_is_reported_at_the_broken_line()
    {
        var findings = SyntaxCheck.Check(InfraFiles.Fixture("syntax-error.bicep"));

        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.Equal(SyntaxCheck.Rule, f.Rule));
        Assert.Contains(findings, f => f.Line >= 9);
    }

    [Fact]
    public void Parameter_file_assignments_are_read_with_their_values_and_positions()
    {
        var file = InfraFiles.Infra("main.prod.bicepparam");
        var document = BicepDocument.From(file);

        Assert.Equal("./main.bicep", document.UsingPath);
        var location = document.Parameters["location"];
        Assert.Equal("parameter_assignment", location.Node.Type);
        Assert.Equal("chinanorth3", BicepString.LiteralValue(location.DefaultValue));
        var lines = File.ReadAllLines(file.FullPath);
        Assert.StartsWith("param location", lines[location.Node.Line - 1], StringComparison.Ordinal);
    }

    [Fact]
    public void Nested_and_existing_resources_get_their_full_type_and_version()
    {
        var roles = InfraFiles.Document(InfraFiles.Infra("modules/roleAssignments.bicep"));
        var hub = Assert.Single(roles.Resources, r => r.Symbol == "hub");

        Assert.True(hub.IsExisting);
        Assert.Equal("Microsoft.EventHub/namespaces/eventhubs@2024-01-01", hub.TypeReference);
        Assert.Equal("eventHubsNamespace", hub.Parent?.Symbol);
    }
}
