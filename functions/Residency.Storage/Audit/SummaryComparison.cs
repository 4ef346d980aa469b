using Residency.Storage.Ledger;
using Residency.Storage.Sketches;

namespace Residency.Storage.Audit;

/// <summary>
/// What differs between a day summary's totals and the same totals added up again from the day's commit records:
/// every count, the policies, and the vehicle and person sketches register by register. The per-category vehicle
/// sketches are not in commit records, so they are covered by the chain's hash only.
/// </summary>
internal static class SummaryComparison
{
    public static IReadOnlyList<string> Differences(DayTotals summary, DayTotals commits)
    {
        var differences = new List<string>();
        void Check(string name, bool same)
        {
            if (!same)
            {
                differences.Add(name);
            }
        }

        Check("sequence range", summary.First == commits.First && summary.Last == commits.Last);
        Check("commits", summary.Commits == commits.Commits);
        Check("events", summary.Events == commits.Events && summary.Stored == commits.Stored && summary.Quarantined == commits.Quarantined);
        Check("quarantine reasons", Same(summary.Reasons, commits.Reasons));
        Check("lines", Same(summary.Lines, commits.Lines));
        Check("bytes", Same(summary.Bytes, commits.Bytes));
        Check("fields per category", Same(summary.Fields, commits.Fields));
        Check("sensitive-area hits", summary.SensitiveAreaHits == commits.SensitiveAreaHits);
        Check("exterior frames", summary.ExteriorFrames == commits.ExteriorFrames);
        Check("policies", summary.Policies.SetEquals(commits.Policies));
        Check("vehicle sketches", Same(summary.VehiclesByLevel, commits.VehiclesByLevel));
        Check("person sketches", Same(summary.SubjectsByKind, commits.SubjectsByKind));
        return differences;
    }

    private static bool Same(SortedDictionary<string, long> a, SortedDictionary<string, long> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && v == p.Value);

    private static bool Same(SortedDictionary<string, HyperLogLog> a, SortedDictionary<string, HyperLogLog> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && SketchJson.SameRegisters(p.Value, v));
}
