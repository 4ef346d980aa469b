using System.CommandLine;
using System.Globalization;
using System.Text;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Residency.Cli.LocalRun;
using Residency.Cli.Simulation;
using Residency.Cli.Simulation.Local;
using Residency.Development;
using Residency.Storage;
using Residency.Storage.Audit;
using Residency.Storage.Batches;
using Residency.Storage.Clients;
using Residency.Storage.Ledger;

namespace Residency.Cli;

/// <summary>
/// `residency local-run`: the whole pipeline on one machine. Uses AZURITE_CONNECTION_STRING when set, else starts
/// Azurite (a container where a Docker engine answers, else the pinned npm package, installed on first use), starts
/// the real handler executable as the Functions host would, feeds it a generated fleet in host-format batches,
/// prints where everything went, and shuts it all down.
/// </summary>
internal static class LocalRunCommand
{
    public static Command Create(CliContext context)
    {
        var fleet = new FleetCommandOptions(defaultCount: 600, defaultMalformedShare: 0.08, defaultFrameShare: 1);
        var keep = new Option<bool>("--keep") { Description = "Keep Azurite and the handler running after the summary (until Ctrl+C) to look at the blobs." };
        var report = new Option<string?>("--report")
        {
            Description = "Also write the annual automotive data report of this run's data into this folder (facts from samples/report/facts.example.json).",
        };
        var otlp = new Option<string?>("--otlp")
        {
            Description = "Also export the handler's metrics and traces over OTLP to this collector (OTEL_EXPORTER_OTLP_ENDPOINT; loopback or Azure China only).",
        };
        otlp.Validators.Add(result =>
        {
            if (LocalTelemetry.ParseCollector(result.GetValueOrDefault<string?>()) is null && result.GetValueOrDefault<string?>() is not null)
            {
                result.AddError("--otlp must be an absolute http(s) URL.");
            }
        });
        var partitions = new Option<int>("--partitions") { Description = "Event Hubs partitions to emulate.", DefaultValueFactory = _ => 4 }.Within(1, 1024);
        var handler = HandlerPathOption.Create();
        var command = new Command("local-run",
            "Run the pipeline locally end to end: Azurite, the handler, a simulated fleet, and a summary of where every upload went (exit 0 all accounted for, 1 not, 2 usage).");
        fleet.AddTo(command);
        command.Options.Add(keep);
        command.Options.Add(partitions);
        command.Options.Add(report);
        command.Options.Add(otlp);
        command.Options.Add(handler);
        command.SetGuardedAction((parse, cancellationToken) => RunAsync(
            fleet.Read(parse, allowOversized: true), parse.GetValue(partitions), parse.GetValue(keep), parse.GetValue(report),
            LocalTelemetry.ParseCollector(parse.GetValue(otlp)), parse.GetValue(handler)?.FullName, context,
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        FleetRequest request, int partitionCount, bool keep, string? reportFolder, Uri? otlp, string? handlerPath, CliContext context, TextWriter output,
        TextWriter error, CancellationToken cancellationToken)
    {
        await error.WriteLineAsync("local-run: starting Azurite...");
        await using var azurite = await AzuriteLauncher.StartAsync(new AzuriteRequest { Settings = context.Azurite }, line => error.WriteLine("local-run: " + line), cancellationToken);
        var connectionString = azurite.ConnectionString;
        await error.WriteLineAsync($"local-run: Azurite: {azurite.Description}");
        var blobs = ResidencyBlobClients.FromConnectionString(connectionString, StorageClientSettings.Development);
        await error.WriteLineAsync($"local-run: Azurite blob endpoint {blobs.Uri}");
        await error.WriteLineAsync("local-run: starting the handler as the Functions host does...");
        await using var handler = await HandlerLauncher.StartDevelopmentAsync(connectionString, LocalTelemetry.Settings(otlp), handlerPath: handlerPath, cancellationToken: cancellationToken);
        await error.WriteLineAsync($"local-run: handler ready at {handler.BaseUri} (POST /VehicleIngest)");

        // Event Hubs' clock replayed from two minutes before midnight China time, one second per event: the batches of
        // the new day seal the old one, as they do every night in production.
        var today = ChinaDay.Of(context.Time.GetUtcNow());
        var clock = new EnqueueClock(ChinaDay.StartOf(today).AddMinutes(-2), TimeSpan.FromSeconds(1));
        var emulator = new FunctionsHostEmulator(handler.Client, partitionCount) { Enqueued = clock.Next };
        var heads = new ResidencyStore(blobs, StorageClientSettings.Development);
        await heads.EnsureContainersAsync(cancellationToken);
        await emulator.ContinueAfterAsync(partition => heads.GetCommittedThroughAsync(partition, cancellationToken));
        var sink = new HandlerSink(emulator);
        var fleet = request.Fleet;
        var simulation = await SimulationRunner.ToError(new FleetGenerator(fleet), sink, error, context.Time)
            .RunAsync(request.Count, request.Duration, request.Rate, chunkSize: 200, cancellationToken);

        var summary = LocalRunSummary.FromDeliveries(sink.Delivered);
        await summary.CountContainersAsync(blobs, cancellationToken);
        var audit = await new AuditVerifier(blobs).VerifyAsync(cancellationToken: cancellationToken);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"local-run: {simulation.Generated} uploads from {fleet.Vehicles} vehicles ({simulation.Gzip} gzip, {simulation.Malformed} malformed on purpose) in {simulation.Elapsed.TotalSeconds:F1} s"));
        await output.WriteLineAsync("  kinds:              " + string.Join(", ", simulation.ByKind.Select(k => $"{k.Key} {k.Value}")));
        await output.WriteAsync(summary.Format(simulation.Elapsed));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  audit verify:       {(audit.IsClean ? "clean" : $"{audit.Problems.Count} problem(s)")}, {audit.Commits} commits covering {audit.SequenceNumbers} sequence numbers ({audit.Stored} stored, {audit.Quarantined} quarantined)"));
        foreach (var problem in audit.Problems.Take(10))
        {
            await output.WriteLineAsync($"    {problem.Kind} partition {problem.PartitionId}: {problem.Detail}");
        }

        await output.WriteLineAsync("  day ledger (China Standard Time days; events enqueued from 23:58 the day before):");
        var ledgerClean = await LedgerReport.PrintAsync(blobs, today.AddDays(-1), today, output, cancellationToken);
        var framesClean = await FrameReport.PrintAsync(blobs, output, cancellationToken);
        var reportWritten = reportFolder is null || await LocalReport.WriteAsync(blobs, today, reportFolder, context, output, error, cancellationToken);
        await LocalTelemetry.PrintAsync(handler, output, cancellationToken);
        await PrintExampleAsync(blobs, output, cancellationToken);
        PrintHowToLook(blobs, connectionString, azurite.Source != AzuriteSource.ConnectionString, keep, output);
        if (summary.FailedBatches > 0)
        {
            await error.WriteLineAsync("local-run: handler output (last lines):");
            foreach (var line in handler.RecentOutput.TakeLast(20))
            {
                await error.WriteLineAsync("  " + line);
            }
        }

        if (keep)
        {
            await error.WriteLineAsync("local-run: Azurite and the handler keep running; press Ctrl+C to stop them.");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }
        }

        var ok = summary.FailedBatches == 0 && summary.Accounted == simulation.Generated && summary.Surprises.Count == 0 && audit.IsClean && ledgerClean && framesClean && reportWritten;
        await output.WriteLineAsync(ok ? "local-run: every upload was stored or quarantined." : "local-run: NOT every upload was accounted for as expected (see above).");
        return ok ? ExitCodes.Success : ExitCodes.Failure;
    }

    // The general level holds no identity (no VIN, no owner): its first line is safe to show as an example.
    private static async Task PrintExampleAsync(BlobServiceClient blobs, TextWriter output, CancellationToken cancellationToken)
    {
        var container = blobs.GetBlobContainerClient(ResidencyContainers.General);
        await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata | BlobTraits.Tags }, cancellationToken))
        {
            var content = await container.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken);
            var lines = LevelBlobReader.ReadLines(content.Value.Content.ToMemory());
            output.WriteLine($"  example {ResidencyContainers.General}/{item.Name} ({lines.Count} lines, {content.Value.Content.ToMemory().Length} bytes gzip)");
            output.WriteLine("    tags: " + string.Join(", ", (item.Tags ?? new Dictionary<string, string>()).OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}")));
            var first = Encoding.UTF8.GetString(lines[0].Json.Span);
            output.WriteLine("    first line: " + (first.Length > 400 ? first[..400] + "..." : first));
            return;
        }
    }

    private static void PrintHowToLook(BlobServiceClient blobs, string connectionString, bool embedded, bool keep, TextWriter output)
    {
        output.WriteLine("  look at the blobs:");
        if (embedded && !keep)
        {
            output.WriteLine("    the embedded Azurite stops now and its data is removed; run again with --keep to browse,");
            output.WriteLine("    or start your own Azurite and set AZURITE_CONNECTION_STRING to keep the data.");
        }

        output.WriteLine($"    blob endpoint {blobs.Uri} (account devstoreaccount1, Azurite's well-known development key)");
        output.WriteLine("    Azure Storage Explorer: Attach to a local emulator, or use this connection string:");
        output.WriteLine("    " + connectionString);
        output.WriteLine("    names: {yyyy}/{MM}/{dd}/{partition}/{first}-{last}-{attempt}.ndjson.gz per level container (one per batch);");
        output.WriteLine("    quarantine {yyyy}/{MM}/{dd}/{partition}/{sequence}/{reason}.{attempt}.json; audit commits/{yyyy}/{MM}/{dd}/{partition}/{first}-{last}.json");
        output.WriteLine("    and days/{yyyy}/{MM}/{dd}/{partition}.json; index {vehicleKey}/{yyyy-MM-dd}/{partition} (days in China Standard Time)");
    }
}
