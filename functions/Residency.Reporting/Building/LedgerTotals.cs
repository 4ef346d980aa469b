using Residency.Storage.Ledger;

namespace Residency.Reporting.Building;

/// <summary>
/// What the day summaries of a period add up to, folded one summary at a time (thread-safe; summaries are not kept):
/// totals per month, the days each partition has a summary for, the policies seen, and the partitions of each day.
/// </summary>
public sealed class LedgerTotals
{
    private readonly Lock _gate = new();
    private readonly PeriodTotals[] _months = Enumerable.Range(0, 12).Select(_ => new PeriodTotals()).ToArray();
    private readonly Dictionary<string, SortedSet<DateOnly>> _days = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateOnly> _earliestLinks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (DateOnly First, DateOnly Last, int Summaries)> _policies = new(StringComparer.Ordinal);

    /// <summary>Totals for <paramref name="year"/>.</summary>
    public LedgerTotals(int year) => Year = year;

    /// <summary>The year.</summary>
    public int Year { get; }

    /// <summary>Adds one day summary of the year (others are ignored).</summary>
    public void Add(DaySummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (summary.Day.Year != Year)
        {
            return;
        }

        lock (_gate)
        {
            _months[summary.Day.Month - 1].Add(summary.Totals);
            var partition = summary.Totals.PartitionId;
            if (!_days.TryGetValue(partition, out var days))
            {
                _days[partition] = days = [];
            }

            days.Add(summary.Day);
            // The link of the partition's earliest summary read: a day it names inside the year must have a summary too.
            if (days.Min == summary.Day)
            {
                if (summary.Previous is { } link)
                {
                    _earliestLinks[partition] = link.Day;
                }
                else
                {
                    _earliestLinks.Remove(partition);
                }
            }

            foreach (var policy in summary.Totals.Policies)
            {
                _policies[policy] = _policies.TryGetValue(policy, out var seen)
                    ? (Min(seen.First, summary.Day), Max(seen.Last, summary.Day), seen.Summaries + 1)
                    : (summary.Day, summary.Day, 1);
            }
        }
    }

    internal PeriodTotals Month(int month) => _months[month - 1];

    internal IReadOnlyDictionary<string, SortedSet<DateOnly>> DaysByPartition => _days;

    internal IReadOnlyDictionary<string, DateOnly> EarliestLinks => _earliestLinks;

    internal IReadOnlyDictionary<string, (DateOnly First, DateOnly Last, int Summaries)> Policies => _policies;

    /// <summary>The last day any partition has a summary for, or null.</summary>
    public DateOnly? LastDay => _days.Count == 0 ? null : _days.Values.Max(d => d.Max);

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
