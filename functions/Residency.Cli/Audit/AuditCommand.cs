using System.CommandLine;
using System.CommandLine.Parsing;
using Residency.Cli.Storage;
using Residency.Storage;
using Residency.Storage.Audit;
using Residency.Storage.Ledger;

namespace Residency.Cli.Audit;

/// <summary>
/// <c>residency audit verify [--day D [--until D]] [--partition P ...] [--sample N] [--concurrency N] [--delete-orphans [--yes]]
/// (--connection-string S | --blob-endpoint URL [--region R]) [--development]</c>: checks the ledger day by day and
/// writes a verification record per day (exit 0 clean, 1 problems or failure, 2 usage).
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
        var day = new Option<DateOnly?>("--day") { Description = "Verify this China Standard Time day (yyyy-MM-dd) only; default: every day the ledger holds.", CustomParser = ParseDay };
        var until = new Option<DateOnly?>("--until") { Description = "With --day: verify every day from --day through this one.", CustomParser = ParseDay };
        var sample = new Option<int?>("--sample") { Description = "Check the blobs of N random commits per partition and day instead of all (the rest is checked in full)." }.AtLeast(1);
        var concurrency = new Option<int>("--concurrency") { Description = "Partition-days verified at once.", DefaultValueFactory = _ => 8 }.Within(1, 256);
        var deleteOrphans = new Option<bool>("--delete-orphans") { Description = "List the blobs of superseded attempts that no commit or announced attempt names; with --yes delete them and write a receipt." };
        var yes = new Option<bool>("--yes") { Description = "Confirm --delete-orphans." };
        var command = new Command("verify",
            "Check the ledger day by day: each day summary against its commit records and receipts, the chain of summaries, every sequence number covered " +
            "exactly once inside each day and at its edges, every blob (or a sample) with the recorded SHA-256, and no blob named by no commit. Writes a " +
            "verification record per day. Exit 0 only when clean.");
        storage.AddTo(command);
        foreach (var option in new Option[] { partitions, day, until, sample, concurrency, deleteOrphans, yes })
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            if (result.GetResult(until) is not null && result.GetResult(day) is null)
            {
                result.AddError("--until goes with --day.");
            }

            if (result.GetResult(yes) is not null && result.GetResult(deleteOrphans) is null)
            {
                result.AddError("--yes only confirms --delete-orphans.");
            }
        });
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var from = parse.GetValue(day);
            if (from is { } first && parse.GetValue(until) is { } last && last < first)
            {
                throw CliException.Usage("--until is before --day.");
            }

            var scope = new AuditScope
            {
                From = from,
                Until = parse.GetValue(until),
                Partitions = parse.GetValue(partitions) is { Length: > 0 } given ? given : null,
                SampleCommits = parse.GetValue(sample),
                Concurrency = parse.GetValue(concurrency),
            };
            var client = storage.Connect(parse);
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var verifier = new AuditVerifier(client, maxRequests: Math.Max(16, scope.Concurrency * 2));
            var started = context.Time.GetUtcNow();
            var report = await verifier.VerifyAsync(scope, Progress(error, context.Time), cancellationToken);
            var records = VerificationRecord.Of(report, scope, BlobLayout.NewAttemptId(), started, context.Time.GetUtcNow(), RanBy(context, storage, parse));
            await verifier.RecordAsync(records, cancellationToken);
            AuditPrinter.Print(report, records, output);
            if (parse.GetValue(deleteOrphans))
            {
                await OrphanCleanup.RunAsync(client, report, parse.GetValue(yes), context, output, cancellationToken);
            }

            return report.IsClean ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    // Who ran it, as the verification record says: the operating-system user and machine, and how storage was reached.
    private static string RanBy(CliContext context, StorageTarget storage, ParseResult parse) =>
        $"{context.Variable("USER") ?? context.Variable("USERNAME") ?? "unknown"}@{Environment.MachineName} ({storage.Authentication(parse)})";

    private static DateOnly? ParseDay(ArgumentResult result)
    {
        try
        {
            return ChinaDay.Parse(result.Tokens.Single().Value);
        }
        catch (FormatException)
        {
            result.AddError($"{result.Argument.Name}: a day is written yyyy-MM-dd (China Standard Time).");
            return null;
        }
    }

    private static Progress<AuditProgress> Progress(TextWriter error, TimeProvider time)
    {
        var throttle = new ProgressThrottle(time, TimeSpan.FromSeconds(2));
        return new Progress<AuditProgress>(p =>
        {
            if (throttle.Due(final: p.Total > 0 && p.Done == p.Total))
            {
                error.WriteLine(p.Total > 0 ? $"audit verify: {p.Stage} {p.Done}/{p.Total}" : $"audit verify: {p.Stage} {p.Done}");
            }
        });
    }
}
