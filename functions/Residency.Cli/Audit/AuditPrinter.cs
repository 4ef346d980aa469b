using System.Globalization;
using Residency.Storage.Audit;
using Residency.Storage.Ledger;

namespace Residency.Cli.Audit;

/// <summary>
/// Prints a verification: what was checked (days sealed and open, commits, the share whose blobs were checked),
/// each problem by kind (names and sequence numbers only), and a verdict that never says clean for more than was checked.
/// </summary>
internal static class AuditPrinter
{
    private const int MaxPerKind = 50;

    public static void Print(AuditReport report, IReadOnlyList<VerificationRecord> records, TextWriter output)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"audit verify: {report.Partitions} partition(s), {report.Days.Count} partition-day(s) ({report.SealedDays} sealed, {report.OpenDays} still open), " +
            $"{report.Commits} commit(s) covering {report.SequenceNumbers} sequence number(s): {report.Stored} stored, {report.Quarantined} quarantined, " +
            $"{report.Erased} erased by {report.Receipts} deletion receipt(s); {report.LevelBlobs} level blob(s), {report.InFlight} blob(s) of attempts in flight"));
        output.WriteLine(report.Sampled
            ? string.Create(CultureInfo.InvariantCulture,
                $"  blobs checked: a sample of {report.CommitsHashChecked} of {report.Commits} commit(s) ({report.CheckedShare * 100:F1}%); summaries, chains, commit records and orphans in full")
            : string.Create(CultureInfo.InvariantCulture, $"  blobs checked: every commit's ({report.CommitsHashChecked})"));
        foreach (var group in report.Problems.GroupBy(p => p.Kind).OrderBy(g => g.Key))
        {
            output.WriteLine($"  {Name(group.Key)}: {group.Count()}");
            foreach (var problem in group.Take(MaxPerKind))
            {
                var day = problem.Day is { } d ? $" day {ChinaDay.Format(d)}" : string.Empty;
                output.WriteLine($"    partition {problem.PartitionId}{day}: {problem.Detail}");
            }

            if (group.Count() > MaxPerKind)
            {
                output.WriteLine($"    ... and {group.Count() - MaxPerKind} more");
            }
        }

        foreach (var record in records)
        {
            output.WriteLine($"  verification record: vehicle-audit/{record.Name} ({record.Mode}, {(record.Clean ? "clean" : "problems")})");
        }

        output.WriteLine(Verdict(report));
    }

    public static string Verdict(AuditReport report) => report switch
    {
        { IsClean: false } => $"audit verify: {report.Problems.Count} problem(s) found.",
        { Sampled: true } => string.Create(CultureInfo.InvariantCulture,
            $"audit verify: no problem found; blobs of {report.CheckedShare * 100:F1}% of the commits were checked (a sample), the rest of the ledger in full."),
        _ => "audit verify: clean: every sequence number is covered exactly once.",
    };

    private static string Name(AuditProblemKind kind) => kind switch
    {
        AuditProblemKind.Gap => "gaps",
        AuditProblemKind.Overlap => "overlaps",
        AuditProblemKind.Orphan => "orphans",
        AuditProblemKind.HashMismatch => "hash mismatches",
        AuditProblemKind.MissingBlob => "missing blobs",
        AuditProblemKind.Malformed => "malformed",
        AuditProblemKind.HeadMismatch => "head mismatches",
        AuditProblemKind.MissingSummary => "missing day summaries",
        AuditProblemKind.SummaryMismatch => "day summaries that disagree with the ledger",
        AuditProblemKind.BrokenChain => "broken chain links",
        _ => kind.ToString(),
    };
}
