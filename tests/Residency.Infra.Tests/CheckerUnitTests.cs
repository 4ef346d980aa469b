using Residency.Infra.Tests.Checks;
using Residency.Infra.Tests.Parsing;
using Residency.Infra.Tests.Types;
using Xunit;

namespace Residency.Infra.Tests;

/// <summary>The small pieces the checks are built from.</summary>
public class CheckerUnitTests
{
    [Theory]
    [InlineData(@"'plain'", "plain")]
    [InlineData(@"'it\'s'", "it's")]
    [InlineData(@"'a\\b\nc'", "a\\b\nc")]
    [InlineData(@"'cost \${x}'", "cost ${x}")]
    [InlineData(@"'\u{4E2D}'", "中")]
    [InlineData("'''\nline one\nline two'''", "line one\nline two")]
    public void String_literals_are_decoded(string source, string expected)
    {
        var node = new BicepNode("string", 1, 1, null, false, source, null);

        Assert.Equal(expected, BicepString.LiteralValue(node));
    }

    [Fact]
    public void Interpolated_strings_have_no_literal_value_but_a_pattern()
    {
        var interpolation = new BicepNode("interpolation", 1, 12, null, false, null, null);
        var node = new BicepNode("string", 1, 1, null, false, "'https://${a}.blob.core.windows.net'", [
            new BicepNode("string_content", 1, 2, null, false, "https://", null),
            interpolation,
            new BicepNode("string_content", 1, 16, null, false, ".blob.core.windows.net", null),
        ]);

        Assert.Null(BicepString.LiteralValue(node));
        Assert.Equal("https://#.blob.core.windows.net", BicepString.Pattern(node, "#"));
    }

    [Theory]
    [InlineData("chinanorth3", true, true)]
    [InlineData("chinanorth2", true, true)]
    [InlineData("chinanorth", true, false)]
    [InlineData("chinaeast2", true, false)]
    [InlineData("China East 2", true, false)]
    [InlineData("chinanorth4", true, false)]
    [InlineData("eastus", true, false)]
    [InlineData("global", false, false)]
    [InlineData("china-north", false, false)]
    public void Regions_are_recognized(string text, bool isRegion, bool isChinaNorth)
    {
        Assert.Equal(isRegion, AzureRegions.IsRegion(text));
        Assert.Equal(isChinaNorth, AzureRegions.IsChinaNorth(text));
    }

    [Fact]
    public void A_missing_type_index_fails_with_a_clear_message()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-bicep-types-{Guid.NewGuid():N}");

        var error = Assert.Throws<InvalidOperationException>(() => TypeIndex.Load(missing));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains(TypeIndex.DirectoryVariable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Type_index_knows_the_versions_of_a_type()
    {
        Assert.Equal(["2021-11-01", "2024-01-01"], InfraFiles.TypeIndex.VersionsOf("Microsoft.EventHub/namespaces"));
        Assert.True(InfraFiles.TypeIndex.TryGetResource("microsoft.storage/storageaccounts@2023-05-01", out _, out var scopes));
        Assert.Equal(8, scopes);
    }
}
