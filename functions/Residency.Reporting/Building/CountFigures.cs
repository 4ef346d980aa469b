using System.Globalization;

namespace Residency.Reporting.Building;

/// <summary>
/// The figures the day summaries give: Art. 13(2) events, stored lines and bytes per level, fields per category,
/// sensitive-area hits and exterior frames per month and for the year; distinct vehicles and persons (estimates); and
/// Art. 13(5) quarantined events by reason per month.
/// </summary>
internal static class CountFigures
{
    public static PeriodTotals Add(FigureList figures, LedgerTotals totals, int lastMonth)
    {
        var year = new PeriodTotals();
        var periods = new List<(string Period, PeriodTotals Totals)>();
        for (var month = 1; month <= lastMonth; month++)
        {
            var totalsOfMonth = totals.Month(month);
            year.Add(totalsOfMonth);
            periods.Add((string.Create(CultureInfo.InvariantCulture, $"{totals.Year:D4}-{month:D2}"), totalsOfMonth));
        }

        periods.Add((totals.Year.ToString("D4", CultureInfo.InvariantCulture), year));
        var levels = year.Lines.Keys.Union(year.Bytes.Keys).Union(year.VehiclesByLevel.Keys).Order(LevelOrder.Comparer).ToList();
        foreach (var (period, t) in periods)
        {
            var n = t.Summaries;
            Count(figures, Sections.Data, "events", "all", period, t.Events, "events", "events.total", n);
            Count(figures, Sections.Data, "stored-events", "all", period, t.Stored, "events", "events.stored", n);
            foreach (var level in levels)
            {
                Count(figures, Sections.Data, "lines", level, period, t.Lines.GetValueOrDefault(level), "lines", $"lines.{level}", n);
                Count(figures, Sections.Data, "bytes", level, period, t.Bytes.GetValueOrDefault(level), "bytes", $"bytes.{level}", n);
                figures.Estimate(Sections.Data, "vehicles", level, period, t.VehiclesByLevel.GetValueOrDefault(level), "vehicles", Sections.Summaries,
                    $"vehicles.{level} (HyperLogLog merge)", n);
            }

            foreach (var category in year.Fields.Keys)
            {
                Count(figures, Sections.Data, "fields", category, period, t.Fields.GetValueOrDefault(category), "fields", $"fields.{category}", n);
            }

            Count(figures, Sections.Data, "sensitive-area-hits", "all", period, t.SensitiveAreaHits, "positions", "sensitiveAreaHits", n);
            Count(figures, Sections.Data, "exterior-frames", "all", period, t.ExteriorFrames, "frames", "exteriorFrames", n);
            Count(figures, Sections.Incidents, "quarantined", "all", period, t.Quarantined, "events", "events.quarantined", n);
            foreach (var reason in year.Reasons.Keys)
            {
                Count(figures, Sections.Incidents, "quarantined", reason, period, t.Reasons.GetValueOrDefault(reason), "events", $"events.reasons.{reason}", n);
            }
        }

        var yearPeriod = totals.Year.ToString("D4", CultureInfo.InvariantCulture);
        foreach (var (category, sketch) in year.VehiclesByCategory)
        {
            figures.Estimate(Sections.Data, "vehicles-by-category", category, yearPeriod, sketch, "vehicles", Sections.Summaries,
                $"vehiclesByCategory.{category} (HyperLogLog merge)", year.Summaries);
        }

        foreach (var (kind, sketch) in year.Subjects)
        {
            figures.Estimate(Sections.Data, "persons", kind, yearPeriod, sketch, "persons", Sections.Summaries, $"subjects.{kind} (HyperLogLog merge)", year.Summaries);
        }

        Count(figures, Sections.Measures, "day-summaries", "all", yearPeriod, year.Summaries, "documents", "documents read", year.Summaries);
        return year;
    }

    private static void Count(FigureList figures, string section, string metric, string dimension, string period, long value, string unit, string field, int documents) =>
        figures.Count(section, metric, dimension, period, value, unit, Sections.Summaries, field, documents);
}

/// <summary>Levels in their order (general &lt; personal &lt; sensitive &lt; important), anything else after them by name.</summary>
internal static class LevelOrder
{
    private static readonly string[] Levels = ["general", "personal", "sensitive", "important"];

    public static IComparer<string> Comparer { get; } = Comparer<string>.Create((a, b) =>
    {
        var (x, y) = (Rank(a), Rank(b));
        return x != y ? x.CompareTo(y) : string.CompareOrdinal(a, b);
    });

    private static int Rank(string level) => Array.IndexOf(Levels, level) is var i and >= 0 ? i : Levels.Length;
}
