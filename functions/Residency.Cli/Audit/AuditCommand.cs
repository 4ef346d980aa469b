using System.CommandLine;
using System.Globalization;
using Residency.Cli.Storage;
using Residency.Storage;
using Residency.Storage.Audit;

namespace Residency.Cli.Audit;

/// <summary>
/// <c>residency audit verify [--partition P ...] (--connection-string S | --blob-endpoint URL [--region R]) [--development]</c>:
/// checks that committed data covers each sequence number exactly once (exit 0 clean, 1 problems or failure, 2 usage).
/// </summary>
internal static class AuditCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("audit", "Check the audit ledger against the stored data.");
        command.Subcommands.Add(CreateVerify(context));
        return command;
    }

    private static Command CreateVerify(CliContext context)
    {
        var storage = new StorageTarget(context);
        var partitions = new Option<string[]>("--partition") { Description = "Only these partitions (repeatable); default: all.", AllowMultipleArgumentsPerToken = true };
        partitions.Validators.Add(result =>
        {
            if ((result.GetValueOrDefault<string[]>() ?? []).Any(p => !BlobLayout.IsValidPartitionId(p)))
            {
                result.AddError("a --partition is 1-64 of [A-Za-z0-9_-].");
            }
        });
        var command = new Command("verify",
            "Per partition, check that the commit records cover each sequence number exactly once (stored or quarantined), every blob is there " +
            "with the recorded SHA-256 (or the one a deletion receipt gave it), and no blob is named by no commit (exit 0 clean, 1 problems or failure, 2 usage).");
        storage.AddTo(command);
        command.Options.Add(partitions);
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var selected = parse.GetValue(partitions) is { Length: > 0 } given ? given : null;
            var client = storage.Connect(parse);
            var report = await new AuditVerifier(client).VerifyAsync(selected, Progress(parse.InvocationConfiguration.Error, context.Time), cancellationToken);
            Print(report, parse.InvocationConfiguration.Output);
            return report.IsClean ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static void Print(AuditReport report, TextWriter output)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"audit verify: {report.Partitions} partition(s), {report.Commits} commit(s) covering {report.SequenceNumbers} sequence number(s): " +
            $"{report.Stored} stored, {report.Quarantined} quarantined, {report.Erased} erased by {report.Receipts} deletion receipt(s); " +
            $"{report.LevelBlobs} level blob(s), {report.InFlight} blob(s) of attempts in flight"));
        foreach (var group in report.Problems.GroupBy(p => p.Kind).OrderBy(g => g.Key))
        {
            output.WriteLine($"  {Name(group.Key)}: {group.Count()}");
            foreach (var problem in group.Take(50))
            {
                output.WriteLine($"    partition {problem.PartitionId}: {problem.Detail}");
            }

            if (group.Count() > 50)
            {
                output.WriteLine($"    ... and {group.Count() - 50} more");
            }
        }

        output.WriteLine(report.IsClean
            ? "audit verify: clean: every sequence number is covered exactly once."
            : $"audit verify: {report.Problems.Count} problem(s) found.");
    }

    private static string Name(AuditProblemKind kind) => kind switch
    {
        AuditProblemKind.Gap => "gaps",
        AuditProblemKind.Overlap => "overlaps",
        AuditProblemKind.Orphan => "orphans",
        AuditProblemKind.HashMismatch => "hash mismatches",
        AuditProblemKind.MissingBlob => "missing blobs",
        AuditProblemKind.Malformed => "malformed",
        AuditProblemKind.HeadMismatch => "head mismatches",
        _ => kind.ToString(),
    };

    private static Progress<AuditProgress> Progress(TextWriter error, TimeProvider time)
    {
        var throttle = new ProgressThrottle(time, TimeSpan.FromSeconds(2));
        return new Progress<AuditProgress>(p =>
        {
            if (throttle.Due())
            {
                error.WriteLine(p.Total > 0 ? $"audit verify: {p.Stage} {p.Done}/{p.Total}" : $"audit verify: {p.Stage} {p.Done}");
            }
        });
    }
}
