using System.Globalization;
using Residency.Reporting.Ledger;
using Residency.Reporting.Model;

namespace Residency.Reporting.Building;

/// <summary>
/// What the ledger itself says about its completeness: each partition's span, partition-days without a summary between
/// a partition's first and last day (or a day its earliest summary links to), and which days verification records cover
/// fully, by sample, or not at all, with the problems the latest run of each day found.
/// </summary>
internal static class LedgerFindings
{
    public static (IReadOnlyList<PartitionSpan> Spans, IReadOnlyList<MissingDay> Missing) Gaps(LedgerTotals totals)
    {
        var spans = new List<PartitionSpan>();
        var missing = new List<MissingDay>();
        foreach (var (partition, days) in totals.DaysByPartition.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var first = days.Min;
            // The earliest summary links to a day of the year without a summary: that day is missing too.
            if (totals.EarliestLinks.TryGetValue(partition, out var linked) && linked.Year == totals.Year && linked < first)
            {
                first = linked;
            }

            spans.Add(new PartitionSpan(partition, days.Min, days.Max, days.Count));
            for (var day = first; day <= days.Max; day = day.AddDays(1))
            {
                if (!days.Contains(day))
                {
                    missing.Add(new MissingDay(partition, day));
                }
            }
        }

        return (spans, missing);
    }

    public static IReadOnlyList<DateOnly> Verification(FigureList figures, LedgerTotals totals, IReadOnlyList<VerificationRead> records)
    {
        var year = totals.Year.ToString("D4", CultureInfo.InvariantCulture);
        var byDay = records.GroupBy(r => r.Record.Day).ToDictionary(g => g.Key, g => g.Select(r => r.Record).ToList());
        var partitionsByDay = new SortedDictionary<DateOnly, List<string>>();
        foreach (var (partition, days) in totals.DaysByPartition)
        {
            foreach (var day in days)
            {
                if (!partitionsByDay.TryGetValue(day, out var partitions))
                {
                    partitionsByDay[day] = partitions = [];
                }

                partitions.Add(partition);
            }
        }

        int full = 0, sample = 0;
        var unverified = new List<DateOnly>();
        foreach (var (day, partitions) in partitionsByDay)
        {
            var runs = byDay.GetValueOrDefault(day) ?? [];
            var fully = runs.Where(r => r.Mode == "full").SelectMany(r => r.Partitions).ToHashSet(StringComparer.Ordinal);
            var any = runs.SelectMany(r => r.Partitions).ToHashSet(StringComparer.Ordinal);
            if (partitions.All(fully.Contains))
            {
                full++;
            }
            else if (partitions.All(any.Contains))
            {
                sample++;
            }
            else
            {
                unverified.Add(day);
            }
        }

        var n = records.Count;
        figures.Count(Sections.Measures, "days-verified-full", "all", year, full, "days", Sections.Verifications, "mode = full, every partition of the day", n);
        figures.Count(Sections.Measures, "days-verified-sample", "all", year, sample, "days", Sections.Verifications, "mode = sample, every partition of the day", n);
        figures.Count(Sections.Measures, "days-not-verified", "all", year, unverified.Count, "days", Sections.Verifications,
            "days with summaries no record covers for every partition", n);
        figures.Count(Sections.Incidents, "verification-runs", "all", year, records.Select(r => r.Record.RunId).Distinct(StringComparer.Ordinal).Count(), "runs",
            Sections.Verifications, "run", n);

        // The latest run of each day says what is wrong now; earlier runs' findings were followed up by it.
        var latest = byDay.Values.Select(runs => runs.MaxBy(r => r.CompletedAt)!).ToList();
        foreach (var kind in latest.SelectMany(r => r.ProblemsByKind.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            figures.Count(Sections.Incidents, "verification-problems", kind, year, latest.Sum(r => r.ProblemsByKind.GetValueOrDefault(kind)), "problems",
                Sections.Verifications, $"problems.{kind} (latest run of each day)", latest.Count);
        }

        return unverified;
    }
}
