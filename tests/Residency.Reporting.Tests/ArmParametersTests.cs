using Residency.Reporting.Building;
using Residency.Reporting.Calendar;
using Residency.Reporting.Facts;
using Residency.Reporting.Infra;
using Residency.Reporting.Ledger;
using Xunit;

namespace Residency.Reporting.Tests;

/// <summary>Storage location and retention from `bicep build-params` output; what it does not set comes from the facts, or is to be completed.</summary>
public sealed class ArmParametersTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("residency-parameters-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void The_compiled_parameters_give_the_region_and_the_audit_retention_and_the_rest_is_to_be_completed()
    {
        // The shape bicep build-params writes for infra/main.prod.bicepparam (which sets no retentionDays).
        var file = Path.Combine(_folder.FullName, "main.prod.parameters.json");
        File.WriteAllText(file, """
            { "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "contentVersion": "1.0.0.0",
              "parameters": { "location": { "value": "chinanorth3" }, "zoneRedundant": { "value": true }, "auditImmutabilityDays": { "value": 1095 },
                              "pseudonymKeyId": { "value": "prod-2026-11" } } }
            """);
        var parameters = ArmParameters.Load(file);

        var statements = Report(parameters, new ReportFacts { Schema = FactsFile.Schema }).Statements.ToDictionary(s => s.Id);

        Assert.Contains("chinanorth3", statements["storage.location"].Text, StringComparison.Ordinal);
        Assert.Contains("ZRS", statements["storage.location"].Text, StringComparison.Ordinal);
        Assert.StartsWith("arm-parameters: main.prod.parameters.json", statements["storage.location"].Source, StringComparison.Ordinal);
        Assert.Contains("1095 days", statements["storage.retention.vehicle-audit"].Text, StringComparison.Ordinal);
        Assert.Null(statements["storage.retention.vehicle-personal"].Text);
    }

    [Fact]
    public void Retention_days_in_the_parameters_win_over_the_facts()
    {
        var file = Path.Combine(_folder.FullName, "p.json");
        File.WriteAllText(file, """{ "parameters": { "retentionDays": { "value": { "general": 730, "personal": 365, "sensitive": 90, "important": 1095, "quarantine": 30 } } } }""");
        var facts = FactsFile.Load(FactsFileTests.Example);

        var statements = Report(ArmParameters.Load(file), facts).Statements.ToDictionary(s => s.Id);

        Assert.Equal("deleted 30 days after creation", statements["storage.retention.vehicle-quarantine"].Text);
        Assert.Contains("1095 days after creation (the longest level)", statements["storage.retention.vehicle-index"].Text, StringComparison.Ordinal);
        Assert.Equal("facts", statements["storage.location"].Source);
    }

    [Fact]
    public void A_file_that_is_not_a_parameters_document_is_named() =>
        Assert.Contains("x.json", Assert.Throws<FormatException>(() => ArmParameters.Load(Write("x.json", "[1]"))).Message, StringComparison.Ordinal);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static Model.AnnualReport Report(ArmParameters parameters, ReportFacts facts) => AnnualReportBuilder.Build(new AnnualReportInput(
        2026, new DateOnly(2026, 12, 15), false, "test", "chinanorth3", DateTimeOffset.UnixEpoch, new LedgerTotals(2026),
        new LedgerDocuments(0, [], [], [], []), facts, "facts.json", parameters, StatutoryCalendar.Load()));
}
