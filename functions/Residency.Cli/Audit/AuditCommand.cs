using System.CommandLine;
using System.Globalization;
using Residency.Cli.Storage;
using Residency.Cli.Vehicle;
using Residency.Storage;

namespace Residency.Cli.Audit;

/// <summary>
/// <c>residency audit verify [--partition P ...] (--connection-string S | --blob-endpoint URL [--region R]) [--development]</c>:
/// checks that committed data covers each sequence number exactly once (exit 0 clean, 1 problems or failure, 2 usage).
/// </summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var command = new Command("audit", "Check the audit ledger against the stored data.");
        command.Subcommands.Add(CreateVerify());
        return command;
    }

    private static Command CreateVerify()
    {
        var storage = new StorageTarget();
        var partitions = new Option<string[]>("--partition") { Description = "Only these partitions (repeatable); default: all.", AllowMultipleArgumentsPerToken = true };
        var command = new Command("verify",
            "Per partition, check that the commit records cover each sequence number exactly once (stored or quarantined), every blob is there " +
            "with the recorded SHA-256 (or the one a deletion receipt gave it), and no blob is named by no commit. Exit 0 only when clean.");
        storage.AddTo(command);
        command.Options.Add(partitions);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var selected = parse.GetValue(partitions) is { Length: > 0 } given ? given : null;
            if (selected?.FirstOrDefault(p => !BlobLayout.IsValidPartitionId(p)) is not null)
            {
                error.WriteLine("error: a --partition is 1-64 of [A-Za-z0-9_-].");
                return VehicleExitCodes.Usage;
            }

            var (client, exitCode) = storage.Connect(parse, error);
            if (client is null)
            {
                return exitCode;
            }

            AuditReport report;
            try
            {
                report = await new AuditVerifier(client).VerifyAsync(selected, Progress(error), cancellationToken);
            }
            catch (Exception ex) when (StorageFailures.TryDescribe(ex, out var line))
            {
                error.WriteLine(line);
                return VehicleExitCodes.Failure;
            }

            Print(report, output);
            return report.IsClean ? VehicleExitCodes.Success : VehicleExitCodes.Failure;
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

    private static Progress<AuditProgress> Progress(TextWriter error)
    {
        var last = DateTime.UtcNow;
        return new Progress<AuditProgress>(p =>
        {
            if (DateTime.UtcNow - last > TimeSpan.FromSeconds(2))
            {
                last = DateTime.UtcNow;
                error.WriteLine(p.Total > 0 ? $"audit verify: {p.Stage} {p.Done}/{p.Total}" : $"audit verify: {p.Stage} {p.Done}");
            }
        });
    }
}
