using System.Text;
using Residency.Reporting.Facts;
using Residency.Testing;
using Xunit;

namespace Residency.Reporting.Tests;

/// <summary>The facts file: strict, documented by its example, and never a carrier of a value the report must not show.</summary>
public sealed class FactsFileTests
{
    public static readonly string Example = Path.Combine(RepoPaths.Root, "samples", "report", "facts.example.json");

    [Fact]
    public void The_example_reads_and_fills_every_item()
    {
        var facts = FactsFile.Load(Example);

        Assert.Equal(FactsFile.Schema, facts.Schema);
        Assert.NotNull(facts.Contacts?.DataSecurityOfficer?.Name);
        Assert.NotNull(facts.RiskAssessment?.Conclusion);
        Assert.Equal(7, facts.Storage?.Retention?.Count);
    }

    [Fact]
    public void An_unknown_member_is_an_error_naming_its_path()
    {
        var error = Assert.Throws<FactsException>(() => Read("""{ "schema": "residency-report-facts/1", "contacts": { "dataSecurityOffcer": {} } }"""));

        Assert.Contains("dataSecurityOffcer", error.Message, StringComparison.Ordinal);
        Assert.Contains("$.contacts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_schema_is_an_error() =>
        Assert.Contains("schema", Assert.Throws<FactsException>(() => Read("""{ "schema": "other/1" }""")).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("13800138000", "mobile number")]
    [InlineData("+86 138 0013 8000", "mobile number")]
    [InlineData("11010519491231002X", "resident ID number")]
    [InlineData("LSJA24U62JG269225", "VIN")]
    [InlineData("39.90872, 116.39748", "coordinate pair")]
    public void A_value_the_report_must_never_show_is_refused_by_path_never_repeated(string value, string kind)
    {
        var error = Assert.Throws<FactsException>(() => Read(
            $$"""{ "schema": "residency-report-facts/1", "contacts": { "userRightsContact": { "name": "Zhang", "telephone": "{{value}}" } } }"""));

        Assert.Contains("$.contacts.userRightsContact.telephone", error.Message, StringComparison.Ordinal);
        Assert.Contains(kind, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Office_lines_and_mailboxes_are_fine()
    {
        var facts = Read("""{ "schema": "residency-report-facts/1", "contacts": { "userRightsContact": { "name": "Zhang", "telephone": "010-6552 8888", "email": "privacy@example.cn" } } }""");

        Assert.Equal("010-6552 8888", facts.Contacts!.UserRightsContact!.Telephone);
    }

    private static ReportFacts Read(string json) => FactsFile.Read(Encoding.UTF8.GetBytes(json), "facts.json");
}
