using System.Globalization;
using Residency.Reporting.Model;
using Residency.Storage;

namespace Residency.Reporting.Building;

/// <summary>
/// Builds the annual report from what was read: the ledger's figures (each with its source), the ledger's own
/// findings, subject requests on the statutory calendar, persons against the thresholds, the items in words, and the
/// quality checks. Reads nothing itself, so it is the same for the command, the local run and the tests.
/// </summary>
public static class AnnualReportBuilder
{
    /// <summary>The report of <paramref name="input"/>; throws <see cref="Calendar.CalendarYearMissingException"/> when a request needs a year without a calendar.</summary>
    public static AnnualReport Build(AnnualReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        input.Calendar.EnsureYear(input.Year);
        var lastDay = input.Totals.LastDay;
        var lastMonth = lastDay?.Month ?? input.Through.Month;
        var figures = new FigureList();
        var year = CountFigures.Add(figures, input.Totals, lastMonth);
        var (spans, missing) = LedgerFindings.Gaps(input.Totals);
        var unverified = LedgerFindings.Verification(figures, input.Totals, input.Documents.Verifications);
        var period = input.Year.ToString("D4", CultureInfo.InvariantCulture);
        figures.Count(Sections.Incidents, "missing-day-summaries", "all", period, missing.Count, "partition-days", Sections.Summaries,
            "partition-days between a partition's first and last summary without one", input.Documents.Summaries);
        figures.Count(Sections.Measures, "policies", "all", period, input.Totals.Policies.Count, "policies", Sections.Summaries, "policies", input.Documents.Summaries);
        var late = SubjectRequestFigures.Add(figures, input.Year, input.Documents, input.Calendar);
        var thresholds = PersonThresholds.Add(figures, input.Year, year);

        var sources = Sources(input);
        var statements = FactStatements.From(input.Facts, input.Parameters, year.Fields.Keys.Union(year.VehiclesByCategory.Keys));
        statements.Add(new Statement("dataAbroad.evidence", Sections.Abroad, "未出境的依据 Evidence that nothing was provided abroad", Evidence(input, spans.Count), Sections.Summaries));
        var checks = QualityChecks.Run(figures.Figures, sources, input.Year, missing.Count, input.Documents.Unreadable.Count, unverified.Count);
        return new AnnualReport
        {
            Year = input.Year,
            Through = input.Through,
            LastDayWithData = lastDay,
            GeneratedAt = input.GeneratedAt,
            Draft = input.Draft,
            Account = input.Account,
            Region = input.Region,
            Sources = sources,
            Figures = figures.Figures,
            Statements = statements,
            Partitions = spans,
            MissingDays = missing,
            UnverifiedDays = unverified,
            UnreadableDocuments = input.Documents.Unreadable,
            LateDeletions = late,
            Policies = input.Totals.Policies.OrderBy(p => p.Value.First).ThenBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => new PolicyInForce(p.Key, p.Value.First, p.Value.Last, p.Value.Summaries)).ToList(),
            Thresholds = thresholds,
            Checks = checks,
        };
    }

    private static List<SourceSet> Sources(AnnualReportInput input)
    {
        var through = Day(input.Through);
        var audit = ResidencyContainers.Audit;
        var sources = new List<SourceSet>
        {
            new(Sections.Summaries, "每日汇总 Day summaries (residency-day/1)", $"{audit}/days/{input.Year:D4}/ up to {through}", input.Documents.Summaries),
            new(Sections.Verifications, "核验记录 Verification records (residency-verification/1)", $"{audit}/verifications/{input.Year:D4}/ up to {through}",
                input.Documents.Verifications.Count),
            new(Sections.Deletions, "删除回执 Deletion receipts (residency-deletion/1)", $"{audit}/deletions/{input.Year:D4}/ up to {through}", input.Documents.Deletions.Count),
            new(Sections.Accesses, "查阅回执 Access receipts (residency-access/1)", $"{audit}/accesses/{input.Year:D4}/ up to {through}", input.Documents.Accesses.Count),
            new(Sections.FactsSet, "事实文件 Facts file (residency-report-facts/1)", input.FactsFile, 1),
            new(Sections.CalendarSet, "法定工作日 Statutory calendar", string.Join("; ", input.Calendar.Years.Select(y => $"{y}: {input.Calendar.SourceOf(y)}")),
                input.Calendar.Years.Count),
        };
        if (input.Parameters is { } parameters)
        {
            sources.Add(new(Sections.Parameters, "ARM 参数 Compiled ARM parameters (bicep build-params)", $"{parameters.File} sha256 {parameters.Sha256}", 1));
        }

        return sources;
    }

    private static string Evidence(AnnualReportInput input, int partitions) =>
        FormattableString.Invariant($"All {input.Documents.Summaries} day summaries of {partitions} partition(s) were read from the audit container of account {input.Account}, ")
        + FormattableString.Invariant($"reached behind the RegionGuard for region {input.Region} (only chinanorth3 and chinanorth2, endpoints *.blob.core.chinacloudapi.cn); ")
        + "the pipeline stores classified data only in that account's containers, and no export or replication outside China exists in the infrastructure.";

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
