using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Residency.Cli.LocalRun;
using Residency.Cli.Simulation;
using Residency.Development;
using Residency.FunctionsHost;
using Residency.Storage;
using Residency.Storage.Audit;
using Residency.Storage.Clients;

namespace Residency.Cli.Soak;

/// <summary>
/// <c>residency soak [--minutes N | --requests N]</c>: replays a mixed hostile corpus through the real handler (as the
/// Functions host would call it) on an embedded Azurite, then prints events/s, 500s, the handler's peak memory, the
/// sequence numbers left without an outcome, and the audit verification of every partition it used. Not a test:
/// a long run is how resource bounds and exactly-once hold up over time. Exit 0 only when all of it is clean.
/// </summary>
internal static class SoakCommand
{
    private const int Partitions = 8;
    private const int MaxRequestMegabytes = 8;

    public static Command Create(CliContext context)
    {
        var minutes = new Option<double?>("--minutes") { Description = "How long to run (default 10 minutes)." }.AtLeast(0.01);
        var requests = new Option<int?>("--requests") { Description = "Stop after this many requests instead of a duration." }.AtLeast(1);
        var workers = new Option<int>("--workers") { Description = "Requests in flight at once (each worker owns its partitions).", DefaultValueFactory = _ => 4 }.Within(1, Partitions);
        var seed = new Option<int>("--seed") { Description = "Random seed of the corpus.", DefaultValueFactory = _ => 1 };
        var command = new Command("soak",
            "Replay a mixed hostile corpus through the real handler on an embedded Azurite and report events/s, 500s, peak memory, lost outcomes and audit verify (exit 0 clean, 1 not, 2 usage).");
        foreach (var option in new Option[] { minutes, requests, workers, seed })
        {
            command.Options.Add(option);
        }

        command.SetGuardedAction((parse, cancellationToken) =>
        {
            var duration = parse.GetValue(minutes) is { } m ? TimeSpan.FromMinutes(m) : (TimeSpan?)null;
            var count = parse.GetValue(requests);
            return RunAsync(duration ?? (count is null ? TimeSpan.FromMinutes(10) : null), count, parse.GetValue(workers), parse.GetValue(seed), context,
                parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        TimeSpan? duration, int? requests, int workers, int seed, CliContext context, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        await using var azurite = await AzuriteLauncher.StartAsync(
            new AzuriteRequest { Settings = context.Azurite }, line => error.WriteLine("soak: " + line), cancellationToken);
        await error.WriteLineAsync($"soak: Azurite: {azurite.Description}");
        await using var handler = await HandlerLauncher.StartDevelopmentAsync(azurite.ConnectionString, new Dictionary<string, string>
        {
            [HandlerSettingNames.MaxRequestMegabytes] = MaxRequestMegabytes.ToString(CultureInfo.InvariantCulture),
            [HandlerSettingNames.MaxInFlightMegabytes] = (4 * MaxRequestMegabytes).ToString(CultureInfo.InvariantCulture),
        }, TimeSpan.FromMinutes(10), cancellationToken: cancellationToken);
        var blobs = ResidencyBlobClients.FromConnectionString(azurite.ConnectionString, StorageClientSettings.Development);
        var store = new ResidencyStore(blobs, StorageClientSettings.Development);
        await store.EnsureContainersAsync(cancellationToken);
        var partitions = new List<(string, long)>();
        for (var p = 0; p < Partitions; p++)
        {
            var id = p.ToString(CultureInfo.InvariantCulture);
            partitions.Add((id, await store.GetCommittedThroughAsync(id, cancellationToken) + 1));
        }

        // 5% malformed: every defect keeps coming, while Azurite (which slows as it fills) is not flooded with entries.
        var generator = new FleetGenerator(new FleetOptions { Vehicles = 200, MalformedShare = 0.05, Seed = seed });
        var runner = new SoakRunner(handler.Client, generator, ((MaxRequestMegabytes + 1) * 1024 * 1024) + 17, new Random(seed));
        await error.WriteLineAsync($"soak: handler at {handler.BaseUri}, {workers} workers, {Partitions} partitions, request limit {MaxRequestMegabytes} MB; " +
                                   (duration is { } d ? $"{d.TotalMinutes:F1} min" : $"{requests} requests"));
        var clock = Stopwatch.StartNew();
        await runner.RunAsync(partitions, workers, duration, requests, line => error.WriteLine(line), cancellationToken);
        var elapsed = clock.Elapsed;
        var peak = handler.PeakWorkingSetBytes() ?? 0;
        await error.WriteLineAsync("soak: audit verify (it reads back everything the soak stored)...");
        var throttle = new ProgressThrottle(context.Time, TimeSpan.FromSeconds(10));
        var audit = await new AuditVerifier(blobs).VerifyAsync(partitions.Select(p => p.Item1).ToList(), new Progress<AuditProgress>(p =>
        {
            if (throttle.Due())
            {
                error.WriteLine(p.Total > 0 ? $"soak: audit verify: {p.Stage} {p.Done}/{p.Total}" : $"soak: audit verify: {p.Stage} {p.Done}");
            }
        }), cancellationToken);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"soak: {elapsed.TotalMinutes:F1} min, {runner.Requests.Values.Sum()} requests ({string.Join(", ", runner.Requests.OrderBy(r => r.Key).Select(r => $"{r.Key} {r.Value}"))})"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  events:                 {runner.Events} ({runner.Events / elapsed.TotalSeconds:F0} events/s, replays included)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  500s and wrong answers: {runner.ServerErrors}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  without an outcome:     {runner.SequenceNumbersWithoutOutcome} sequence number(s)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  handler peak memory:    {peak / (1024 * 1024)} MiB (VmHWM of the handler process)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  audit verify:           {(audit.IsClean ? "clean" : $"{audit.Problems.Count} problem(s)")}, {audit.Commits} commits covering {audit.SequenceNumbers} sequence numbers"));
        foreach (var problem in runner.Problems.Take(20))
        {
            output.WriteLine("  problem: " + problem);
        }

        foreach (var problem in audit.Problems.Take(20))
        {
            output.WriteLine($"  audit: {problem.Kind} partition {problem.PartitionId}: {problem.Detail}");
        }

        await LocalTelemetry.PrintAsync(handler, output, cancellationToken);
        var clean = runner.ServerErrors == 0 && runner.SequenceNumbersWithoutOutcome == 0 && runner.Problems.Count == 0 && audit.IsClean;
        output.WriteLine(clean ? "soak: clean." : "soak: NOT clean (see above).");
        return clean ? ExitCodes.Success : ExitCodes.Failure;
    }
}
