using System.CommandLine;
using System.Globalization;
using Residency.Cli.LocalRun;
using Residency.Cli.Simulation;
using Residency.Cli.Storage;

namespace Residency.Cli.Bench;

/// <summary>
/// `residency bench`: events/s end to end through the real handler executable over HTTP into Azurite, one row per host
/// batch size, with storage requests per 1,000 events, the floor (the same bytes as plain puts) and the handler's peak
/// working set, printed as a table plus ratios within the run.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var events = new Option<int>("--events") { Description = "Events per row.", DefaultValueFactory = _ => 20_000 };
        var batchSizes = new Option<int[]>("--batch-sizes")
        {
            Description = "Host batch sizes (maxEventBatchSize), one row each; the first is the baseline of the ratios.",
            DefaultValueFactory = _ => [100, 1000],
            AllowMultipleArgumentsPerToken = true,
        };
        var partitions = new Option<int>("--partitions") { Description = "Event Hubs partitions delivered concurrently.", DefaultValueFactory = _ => 4 };
        var vehicles = new Option<int>("--vehicles") { Description = "Vehicles in the fleet.", DefaultValueFactory = _ => 200 };
        var malformed = new Option<double>("--malformed-share") { Description = "Share (0-1) of events deliberately malformed.", DefaultValueFactory = _ => 0.01 };
        var gzip = new Option<double>("--gzip-share") { Description = "Share (0-1) of valid uploads sent gzip-compressed.", DefaultValueFactory = _ => 0.2 };
        var seed = new Option<int>("--seed") { Description = "Random seed of the fleet.", DefaultValueFactory = _ => 1 };
        var concurrency = new Option<int>("--max-concurrency")
        {
            Description = "The handler's Residency__MaxConcurrency (storage requests in flight), also used by the floor.",
            DefaultValueFactory = _ => 8,
        };
        var command = new Command("bench",
            "Measure the pipeline end to end (generated fleet -> real handler over HTTP -> Azurite) at each host batch size: events/s, storage " +
            "requests per 1,000 events, the floor (the same stored bytes as plain puts) and the handler's peak working set.");
        foreach (var option in new Option[] { events, batchSizes, partitions, vehicles, malformed, gzip, seed, concurrency })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) =>
        {
            var settings = new BenchSettings(parse.GetValue(events), parse.GetValue(batchSizes) ?? [], parse.GetValue(partitions),
                parse.GetValue(vehicles), parse.GetValue(malformed), parse.GetValue(gzip), parse.GetValue(seed), parse.GetValue(concurrency));
            return RunAsync(settings, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(BenchSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (Validate(settings) is { } problem)
        {
            await error.WriteLineAsync("bench: " + problem);
            return 2;
        }

        var root = RepositoryLocator.FindRoot();
        var handlerDll = root is null ? null : HandlerProcess.FindHandler(root);
        if (root is null || handlerDll is null)
        {
            await error.WriteLineAsync(root is null
                ? "bench: run it from the repository (no Functions.sln above the current folder)."
                : "bench: the handler is not built: dotnet build functions/Residency.Functions -c Release");
            return 2;
        }

        // Every row replays the same events, generated before any clock starts (a device's work, not the pipeline's).
        var events = new FleetGenerator(settings.Fleet(settings.Seed)).Take(settings.Events).ToList();
        var loadAtStart = LoadAverage.Read();
        var runner = new BenchRowRunner(settings, root, handlerDll, error);
        var rows = new List<BenchRow>();
        try
        {
            foreach (var batchSize in settings.BatchSizes)
            {
                rows.Add(await runner.RunAsync(batchSize, events, cancellationToken));
            }
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            // Azurite could not start, or the handler did not come up or refused the warm-up: nothing to measure.
            await error.WriteLineAsync("bench: " + e.Message);
            return 1;
        }
        catch (Exception e) when (StorageFailures.TryDescribe(e, out var line))
        {
            await error.WriteLineAsync("bench: " + line);
            return 1;
        }

        await output.WriteLineAsync(BenchReport.Header(settings, events.Average(e => e.Body.Length), runner.AzuriteDescription, loadAtStart, LoadAverage.Read()));
        await output.WriteAsync(BenchReport.Format(rows));
        var sound = rows.All(r => r.IsSound);
        await output.WriteLineAsync(sound
            ? "bench: every event of every row was stored or quarantined once, and the ledger verifies clean."
            : "bench: NOT every event was accounted for, or the ledger does not verify (see above): the figures are not trustworthy.");
        return sound ? 0 : 1;
    }

    private static string? Validate(BenchSettings s)
    {
        if (s.Events < 1 || s.Vehicles < 1 || s.Partitions is < 1 or > 32 || s.MaxConcurrency is < 1 or > 64)
        {
            return "--events and --vehicles must be at least 1, --partitions 1-32, --max-concurrency 1-64.";
        }

        if (s.BatchSizes.Count == 0 || s.BatchSizes.Any(b => b is < 1 or > 10_000))
        {
            return "--batch-sizes needs at least one size, each 1-10000.";
        }

        return s.MalformedShare is < 0 or > 1 || s.GzipShare is < 0 or > 1
            ? "--malformed-share and --gzip-share must be between 0 and 1."
            : null;
    }
}
