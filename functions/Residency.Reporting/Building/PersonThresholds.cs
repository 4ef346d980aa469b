using System.Globalization;
using Residency.Reporting.Model;
using Residency.Storage.Sketches;

namespace Residency.Reporting.Building;

/// <summary>
/// Distinct persons whose information the ledger holds, year to date, against the thresholds of Art. 3(5) (more than
/// 100,000 people: important data) and of CAC Order No. 16 (100,000 / 1,000,000 people, 10,000 people's sensitive
/// information). The ledger counts vehicles and identifiers, not people, so a count is a range: at least the largest
/// single sketch (every vehicle with personal data has at least one person; every identifier of a kind is one person)
/// and at most the union of all of them (no person shares a vehicle or identifier with another sketch). A threshold is
/// crossed when the low estimate minus two standard errors is above it, not crossed when the high estimate plus two
/// standard errors is below it, and undetermined (treat as reached) in between.
/// </summary>
internal static class PersonThresholds
{
    /// <summary>Identifier kinds that are not sensitive personal information; any other kind counts as sensitive (fail closed).</summary>
    public static readonly IReadOnlySet<string> NonSensitiveKinds = new HashSet<string>(StringComparer.Ordinal) { "phone", "account", "email", "plate", "name" };

    public static IReadOnlyList<ThresholdCheck> Add(FigureList figures, int year, PeriodTotals totals)
    {
        var period = year.ToString("D4", CultureInfo.InvariantCulture);
        var personal = Range(totals.VehiclesByLevel.GetValueOrDefault("personal"), totals.Subjects.Values);
        var sensitive = Range(totals.VehiclesByLevel.GetValueOrDefault("sensitive"),
            totals.Subjects.Where(s => !NonSensitiveKinds.Contains(s.Key)).Select(s => s.Value));
        var basis = $"vehicles.personal and subjects.* of {totals.Summaries} day summaries";
        var sensitiveBasis = $"vehicles.sensitive and sensitive subjects.* (all but {string.Join(", ", NonSensitiveKinds.Order(StringComparer.Ordinal))})";
        figures.Count(Sections.Abroad, "persons-personal", "low", period, personal.Low, "persons", Sections.Summaries, "max of single sketch estimates: " + basis, totals.Summaries);
        figures.Count(Sections.Abroad, "persons-personal", "high", period, personal.High, "persons", Sections.Summaries, "union of sketches: " + basis, totals.Summaries);
        figures.Count(Sections.Abroad, "persons-sensitive", "low", period, sensitive.Low, "persons", Sections.Summaries, "max of single sketch estimates: " + sensitiveBasis, totals.Summaries);
        figures.Count(Sections.Abroad, "persons-sensitive", "high", period, sensitive.High, "persons", Sections.Summaries, "union of sketches: " + sensitiveBasis, totals.Summaries);
        return
        [
            Check("art3-5-important-data", "Art. 3(5): personal information of more than 100,000 people is important data", 100_000, basis, personal),
            Check("order16-personal-100k", "CAC Order No. 16: 100,000 people's personal information (from 1 January)", 100_000, basis, personal),
            Check("order16-personal-1m", "CAC Order No. 16: 1,000,000 people's personal information (from 1 January)", 1_000_000, basis, personal),
            Check("order16-sensitive-10k", "CAC Order No. 16: 10,000 people's sensitive personal information (from 1 January)", 10_000, sensitiveBasis, sensitive),
        ];
    }

    private static (long Low, long High, double Error) Range(HyperLogLog? vehicles, IEnumerable<HyperLogLog> subjects)
    {
        var sketches = subjects.Prepend(vehicles).OfType<HyperLogLog>().ToList();
        if (sketches.Count == 0)
        {
            return (0, 0, 0);
        }

        var union = sketches[0].Clone();
        foreach (var sketch in sketches.Skip(1))
        {
            union.Merge(sketch);
        }

        return ((long)Math.Round(sketches.Max(s => s.Estimate())), (long)Math.Round(union.Estimate()), union.StandardError);
    }

    private static ThresholdCheck Check(string id, string label, long threshold, string basis, (long Low, long High, double Error) range)
    {
        var status = range.Low * (1 - (2 * range.Error)) > threshold ? "above"
            : range.High * (1 + (2 * range.Error)) <= threshold ? "below"
            : "undetermined";
        return new ThresholdCheck(id, label, threshold, basis, range.Low, range.High, status);
    }
}
