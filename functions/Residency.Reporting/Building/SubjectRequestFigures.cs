using System.Globalization;
using Residency.Reporting.Calendar;
using Residency.Reporting.Ledger;
using Residency.Reporting.Model;
using Residency.Storage.Ledger;

namespace Residency.Reporting.Building;

/// <summary>
/// Access and deletion requests completed in the period, from their receipts: counts, median and maximum response time in
/// statutory working days (China Standard Time days, <see cref="StatutoryCalendar.WorkingDaysBetween"/>), and every
/// deletion completed after the 10-working-day deadline.
/// </summary>
internal static class SubjectRequestFigures
{
    public static IReadOnlyList<LateDeletion> Add(FigureList figures, int year, LedgerDocuments documents, StatutoryCalendar calendar)
    {
        var period = year.ToString("D4", CultureInfo.InvariantCulture);
        Add(figures, period, "access", documents.Accesses, Sections.Accesses, calendar);
        var days = Add(figures, period, "deletion", documents.Deletions, Sections.Deletions, calendar);
        var late = documents.Deletions.Zip(days)
            .Where(d => d.Second > StatutoryCalendar.DeletionDeadlineWorkingDays)
            .Select(d =>
            {
                var requested = ChinaDay.Of(d.First.RequestedAt);
                return new LateDeletion(d.First.RequestId, d.First.Name, requested, ChinaDay.Of(d.First.CompletedAt), d.Second, calendar.DeadlineAfter(requested));
            })
            .ToList();
        figures.Count(Sections.Rights, "deletions-late", "all", period, late.Count, "requests", Sections.Deletions,
            $"working days > {StatutoryCalendar.DeletionDeadlineWorkingDays}", documents.Deletions.Count);
        return late;
    }

    private static List<int> Add(FigureList figures, string period, string kind, IReadOnlyList<SubjectRequest> requests, string set, StatutoryCalendar calendar)
    {
        var days = requests.Select(r => calendar.WorkingDaysBetween(ChinaDay.Of(r.RequestedAt), ChinaDay.Of(r.CompletedAt))).ToList();
        var n = requests.Count;
        figures.Count(Sections.Rights, $"{kind}-requests", "all", period, n, "requests", set, "receipts completed in the period", n);
        figures.Count(Sections.Rights, $"{kind}-working-days-median", "all", period, Median(days), "working days", set,
            "requestedAt to completedAt, statutory working days", n);
        figures.Count(Sections.Rights, $"{kind}-working-days-max", "all", period, days.Count == 0 ? 0 : days.Max(), "working days", set,
            "requestedAt to completedAt, statutory working days", n);
        return days;
    }

    private static decimal Median(List<int> values)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2m;
    }
}
