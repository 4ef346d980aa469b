using System.Globalization;
using Residency.Reporting.Model;

namespace Residency.Reporting.Building;

/// <summary>
/// The checks a provincial reviewer applies (docs/regulations.md, "Reports": reports were rejected for sections that
/// disagree and figures without evidence): months add up to the year, events balance, levels agree with each other,
/// every figure names a source read, and the ledger is complete and verified.
/// </summary>
internal static class QualityChecks
{
    public static IReadOnlyList<QualityCheck> Run(
        IReadOnlyList<Figure> figures, IReadOnlyList<SourceSet> sources, int year, int missingDays, int unreadable, int unverified)
    {
        var yearPeriod = year.ToString("D4", CultureInfo.InvariantCulture);
        var byId = figures.ToDictionary(f => f.Id, StringComparer.Ordinal);
        decimal Value(string section, string metric, string dimension, string period) =>
            byId.TryGetValue($"{section}/{metric}/{dimension}/{period}", out var f) ? f.Value : 0;

        var sumErrors = figures.Where(f => !f.IsEstimate && f.Period != yearPeriod && f.Period.StartsWith(yearPeriod + "-", StringComparison.Ordinal))
            .GroupBy(f => (f.Section, f.Metric, f.Dimension))
            .Where(g => g.Sum(f => f.Value) != Value(g.Key.Section, g.Key.Metric, g.Key.Dimension, yearPeriod))
            .Select(g => $"{g.Key.Section}/{g.Key.Metric}/{g.Key.Dimension}")
            .ToList();

        var periods = figures.Select(f => f.Period).Where(p => p.StartsWith(yearPeriod, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        var unbalanced = periods.Where(p => Value(Sections.Data, "events", "all", p)
            != Value(Sections.Data, "stored-events", "all", p) + Value(Sections.Incidents, "quarantined", "all", p)).ToList();

        var levelErrors = new List<string>();
        foreach (var lines in figures.Where(f => f.Section == Sections.Data && f.Metric == "lines"))
        {
            if (lines.Value > Value(Sections.Data, "stored-events", "all", lines.Period))
            {
                levelErrors.Add($"{lines.Dimension} lines exceed stored events in {lines.Period}");
            }

            if (byId.TryGetValue($"{Sections.Data}/vehicles/{lines.Dimension}/{lines.Period}", out var vehicles) && vehicles.Value - vehicles.ErrorBound > lines.Value)
            {
                levelErrors.Add($"{lines.Dimension} vehicles exceed {lines.Dimension} lines in {lines.Period}");
            }
        }

        var setIds = sources.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var unsourced = figures.Where(f => !setIds.Contains(f.Source.Set) || string.IsNullOrWhiteSpace(f.Source.Field)).Select(f => f.Id).ToList();

        return
        [
            new("months-sum-to-year", "各月之和等于全年 Months add up to the year", sumErrors.Count == 0,
                sumErrors.Count == 0 ? Invariant($"every monthly count adds up to its yearly figure") : "differ: " + string.Join(", ", sumErrors)),
            new("events-balance", "事件 = 存储 + 隔离 Events = stored + quarantined", unbalanced.Count == 0,
                unbalanced.Count == 0 ? "in every month and the year" : "differ in: " + string.Join(", ", unbalanced)),
            new("levels-consistent", "各级别一致 Levels consistent", levelErrors.Count == 0,
                levelErrors.Count == 0 ? "no level has more lines than stored events, nor more vehicles than lines" : string.Join("; ", levelErrors)),
            new("every-figure-sourced", "每个数字有来源 Every figure has a source", unsourced.Count == 0,
                unsourced.Count == 0 ? Invariant($"{figures.Count} figures, each naming a document set read and a field") : "without a source: " + string.Join(", ", unsourced)),
            new("ledger-complete", "台账完整 Ledger complete", missingDays == 0 && unreadable == 0,
                Invariant($"{missingDays} partition-day(s) without a summary, {unreadable} unreadable document(s)")),
            new("days-verified", "每日已核验 Every day verified", unverified == 0, Invariant($"{unverified} day(s) with summaries not covered by a verification record")),
        ];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
