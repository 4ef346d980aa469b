using System.CommandLine;
using Residency.Cli.Simulation;

namespace Residency.Cli.Bench;

/// <summary>
/// `residency bench`: events/s end to end through the real handler executable over HTTP into Azurite, one row per host
/// batch size, with storage requests per 1,000 events, the floor (the same bytes as plain puts) and the handler's peak
/// working set, printed as a table plus ratios within the run.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(CliContext context)
    {
        var events = new Option<int>("--events") { Description = "Events per row.", DefaultValueFactory = _ => 20_000 }.Within(1, 100_000_000);
        var batchSizes = new Option<int[]>("--batch-sizes")
        {
            Description = "Host batch sizes (maxEventBatchSize), one row each; the first is the baseline of the ratios.",
            DefaultValueFactory = _ => [100, 1000],
            AllowMultipleArgumentsPerToken = true,
        }.EachWithin(1, 10_000);
        var partitions = new Option<int>("--partitions") { Description = "Event Hubs partitions delivered concurrently.", DefaultValueFactory = _ => 4 }.Within(1, 32);
        var vehicles = new Option<int>("--vehicles") { Description = "Vehicles in the fleet.", DefaultValueFactory = _ => 200 }.Within(1, 10_000_000);
        var malformed = new Option<double>("--malformed-share") { Description = "Share (0-1) of events deliberately malformed.", DefaultValueFactory = _ => 0.01 }.Within(0, 1);
        var gzip = new Option<double>("--gzip-share") { Description = "Share (0-1) of valid uploads sent gzip-compressed.", DefaultValueFactory = _ => 0.2 }.Within(0, 1);
        var seed = new Option<int>("--seed") { Description = "Random seed of the fleet.", DefaultValueFactory = _ => 1 };
        var concurrency = new Option<int>("--max-concurrency")
        {
            Description = "The handler's Residency__MaxConcurrency (storage requests in flight), also used by the floor.",
            DefaultValueFactory = _ => 8,
        }.Within(1, 64);
        var telemetry = new Option<bool>("--telemetry-overhead")
        {
            Description = "Also run the first batch size with the handler's telemetry off and on (OTLP to a local sink), alternately, and print its CPU cost.",
        };
        var handler = HandlerPathOption.Create();
        var command = new Command("bench",
            "Measure the pipeline end to end (generated fleet -> real handler over HTTP -> Azurite) at each host batch size: events/s, storage " +
            "requests per 1,000 events, the floor (the same stored bytes as plain puts) and the handler's peak working set.");
        foreach (var option in new Option[] { events, batchSizes, partitions, vehicles, malformed, gzip, seed, concurrency, telemetry, handler })
        {
            command.Options.Add(option);
        }

        // `bench ledger`, `bench report` and `bench cold-start` measure the day ledger, the annual report and a new instance's start; `bench` itself the pipeline.
        command.Subcommands.Add(CreateLedger(context));
        command.Subcommands.Add(ReportBench.Create(context));
        command.Subcommands.Add(ColdStartBench.Create(context));
        command.SetGuardedAction((parse, cancellationToken) =>
        {
            var settings = new BenchSettings(parse.GetValue(events), parse.GetValue(batchSizes) ?? [], parse.GetValue(partitions),
                parse.GetValue(vehicles), parse.GetValue(malformed), parse.GetValue(gzip), parse.GetValue(seed), parse.GetValue(concurrency),
                parse.GetValue(handler)?.FullName);
            return RunAsync(settings, parse.GetValue(telemetry), context, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken);
        });
        return command;
    }

    private static Command CreateLedger(CliContext context)
    {
        var days = new Option<int[]>("--days")
        {
            Description = "Events of each synthetic day, in order (the last should be at least 200,000 to measure a fleet-sized day).",
            DefaultValueFactory = _ => [50_000, 100_000, 200_000],
            AllowMultipleArgumentsPerToken = true,
        }.EachWithin(1_000, 50_000_000);
        var partitions = new Option<int>("--partitions") { Description = "Partitions the days are spread over.", DefaultValueFactory = _ => 4 }.Within(1, 64);
        var batchSize = new Option<int>("--batch-size") { Description = "Events per committed batch.", DefaultValueFactory = _ => 1000 }.Within(1, 5000);
        var vehicles = new Option<int>("--vehicles") { Description = "Vehicles in the synthetic fleet.", DefaultValueFactory = _ => 500 }.Within(1, 1_000_000);
        var concurrency = new Option<int>("--concurrency") { Description = "audit verify's partition-days at once.", DefaultValueFactory = _ => 8 }.Within(1, 256);
        var command = new Command("ledger",
            "Measure the day ledger on a fresh Azurite: requests the day summaries add, and audit verify --day per day against a full verify " +
            "(wall time, requests, peak managed heap). Synthetic events, committed through the store.");
        foreach (var option in new Option[] { days, partitions, batchSize, vehicles, concurrency })
        {
            command.Options.Add(option);
        }

        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var bench = new Ledger.LedgerBench(parse.GetValue(days)!, parse.GetValue(partitions), parse.GetValue(batchSize), parse.GetValue(vehicles),
                parse.GetValue(concurrency), context, parse.InvocationConfiguration.Error);
            return await bench.RunAsync(parse.InvocationConfiguration.Output, cancellationToken) ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static async Task<int> RunAsync(
        BenchSettings settings, bool telemetryOverhead, CliContext context, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        // Every row replays the same events, generated before any clock starts (a device's work, not the pipeline's).
        var events = new FleetGenerator(settings.Fleet(settings.Seed)).Take(settings.Events).ToList();
        var loadAtStart = LoadAverage.Read();
        var runner = new BenchRowRunner(settings, context.Azurite, error);
        var rows = new List<BenchRow>();
        foreach (var batchSize in settings.BatchSizes)
        {
            rows.Add(await runner.RunAsync(batchSize, events, cancellationToken));
        }

        await output.WriteLineAsync(BenchReport.Header(settings, events.Average(e => e.Body.Length), runner.AzuriteDescription, loadAtStart, LoadAverage.Read()));
        await output.WriteAsync(BenchReport.Format(rows));
        var sound = rows.All(r => r.IsSound);
        if (telemetryOverhead)
        {
            var overhead = await TelemetryOverhead.MeasureAsync(runner, settings.BatchSizes[0], events, cancellationToken);
            await output.WriteLineAsync(overhead.Format());
            sound &= overhead.IsSound;
        }

        await output.WriteLineAsync(sound
            ? "bench: every event of every row was stored or quarantined once, and the ledger verifies clean."
            : "bench: NOT every event was accounted for, or the ledger does not verify (see above): the figures are not trustworthy.");
        return sound ? ExitCodes.Success : ExitCodes.Failure;
    }
}
