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

namespace Residency.Cli;

/// <summary>
/// `residency local-run`: the whole pipeline on one machine. Uses AZURITE_CONNECTION_STRING when set, else starts
/// Azurite (a container where a Docker engine answers, else the pinned npm package, installed on first use), starts
/// the real handler executable as the Functions host would, feeds it a generated fleet in host-format batches,
/// prints where everything went, and shuts it all down.
/// </summary>
internal static class LocalRunCommand
{
    // An Azurite the user already runs comes first: setting the variable is asking for it.
    private static readonly IReadOnlyList<AzuriteSource> AzuriteOrder =
        [AzuriteSource.ConnectionString, AzuriteSource.Testcontainers, AzuriteSource.NpmProcess];

    public static Command Create()
    {
        var fleet = new FleetCommandOptions(defaultCount: 600, defaultMalformedShare: 0.08);
        var keep = new Option<bool>("--keep") { Description = "Keep Azurite and the handler running after the summary (until Ctrl+C) to look at the blobs." };
        var partitions = new Option<int>("--partitions") { Description = "Event Hubs partitions to emulate.", DefaultValueFactory = _ => 4 };
        var command = new Command("local-run", "Run the pipeline locally end to end: Azurite, the handler, a simulated fleet, and a summary of where every upload went.");
        fleet.AddTo(command);
        command.Options.Add(keep);
        command.Options.Add(partitions);
        command.SetAction((parse, cancellationToken) =>
        {
            var request = fleet.Read(parse, allowOversized: true);
            return request.Error is { } error
                ? Fail("local-run: " + error, 2)
                : RunAsync(request, Math.Max(1, parse.GetValue(partitions)), parse.GetValue(keep), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(FleetRequest request, int partitionCount, bool keep, CancellationToken cancellationToken)
    {
        var root = RepositoryLocator.FindRoot();
        if (root is null)
        {
            return await Fail("local-run: run it from the repository (no Functions.sln above the current folder).", 2);
        }

        var handlerDll = HandlerProcess.FindHandler(root);
        if (handlerDll is null)
        {
            return await Fail("local-run: the handler is not built: dotnet build functions/Residency.Functions -c Release", 2);
        }

        IAzurite azurite;
        try
        {
            Console.Error.WriteLine("local-run: starting Azurite...");
            var azuriteRequest = new AzuriteRequest { NodeToolsDirectory = Path.Combine(root, "tests"), Order = AzuriteOrder };
            azurite = await AzuriteLauncher.StartAsync(azuriteRequest, line => Console.Error.WriteLine("local-run: " + line), cancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            return await Fail("local-run: " + e.Message, 2);
        }

        await using (azurite)
        {
            var connectionString = azurite.ConnectionString;
            Console.Error.WriteLine($"local-run: Azurite: {azurite.Description}");
            var blobs = ResidencyBlobClients.FromConnectionString(connectionString, new StorageClientSettings { IsDevelopment = true });
            Console.Error.WriteLine($"local-run: Azurite blob endpoint {blobs.Uri}");
            Console.Error.WriteLine("local-run: starting the handler as the Functions host does...");
            var settings = new Dictionary<string, string>
            {
                ["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development",
                ["Residency__StorageConnectionString"] = connectionString,
                ["Residency__Region"] = "chinanorth3",
            };
            await using var handler = await HandlerProcess.StartAsync(handlerDll, settings, TimeSpan.FromSeconds(60), cancellationToken);
            Console.Error.WriteLine($"local-run: handler ready at {handler.BaseUri} (POST /VehicleIngest)");

            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
            var emulator = new FunctionsHostEmulator(new FunctionsHandlerClient(http, handler.BaseUri), partitionCount);
            var heads = new ResidencyStore(blobs, new ResidencyStoreOptions { IsDevelopment = true });
            await heads.EnsureContainersAsync(cancellationToken);
            await emulator.ContinueAfterAsync(partition => heads.GetCommittedThroughAsync(partition, cancellationToken));
            var sink = new HandlerSink(emulator);
            var fleet = request.Fleet!;
            var simulation = await SimulationRunner.ToStandardError(new FleetGenerator(fleet), sink)
                .RunAsync(request.Count, request.Duration, request.Rate, chunkSize: 200, cancellationToken);

            var summary = LocalRunSummary.FromDeliveries(sink.Delivered);
            await summary.CountContainersAsync(blobs, cancellationToken);
            var audit = await new AuditVerifier(blobs).VerifyAsync(cancellationToken: cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"local-run: {simulation.Generated} uploads from {fleet.Vehicles} vehicles ({simulation.Gzip} gzip, {simulation.Malformed} malformed on purpose) in {simulation.Elapsed.TotalSeconds:F1} s"));
            Console.WriteLine("  kinds:              " + string.Join(", ", simulation.ByKind.Select(k => $"{k.Key} {k.Value}")));
            Console.Write(summary.Format(simulation.Elapsed));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  audit verify:       {(audit.IsClean ? "clean" : $"{audit.Problems.Count} problem(s)")}, {audit.Commits} commits covering {audit.SequenceNumbers} sequence numbers ({audit.Stored} stored, {audit.Quarantined} quarantined)"));
            foreach (var problem in audit.Problems.Take(10))
            {
                Console.WriteLine($"    {problem.Kind} partition {problem.PartitionId}: {problem.Detail}");
            }

            await PrintExampleAsync(blobs, cancellationToken);
            PrintHowToLook(blobs, connectionString, azurite.Source != AzuriteSource.ConnectionString, keep);
            if (summary.FailedBatches > 0)
            {
                Console.Error.WriteLine("local-run: handler output (last lines):");
                foreach (var line in handler.RecentOutput.TakeLast(20))
                {
                    Console.Error.WriteLine("  " + line);
                }
            }

            if (keep)
            {
                Console.Error.WriteLine("local-run: Azurite and the handler keep running; press Ctrl+C to stop them.");
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                }
            }

            var ok = summary.FailedBatches == 0 && summary.Accounted == simulation.Generated && summary.Surprises.Count == 0 && audit.IsClean;
            Console.WriteLine(ok ? "local-run: every upload was stored or quarantined." : "local-run: NOT every upload was accounted for as expected (see above).");
            return ok ? 0 : 1;
        }
    }

    // The general level holds no identity (no VIN, no owner): its first line is safe to show as an example.
    private static async Task PrintExampleAsync(BlobServiceClient blobs, CancellationToken cancellationToken)
    {
        var container = blobs.GetBlobContainerClient(ResidencyContainers.General);
        await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata | BlobTraits.Tags }, cancellationToken))
        {
            var content = await container.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken);
            var lines = LevelBlobReader.ReadLines(content.Value.Content.ToMemory());
            Console.WriteLine($"  example {ResidencyContainers.General}/{item.Name} ({lines.Count} lines, {content.Value.Content.ToMemory().Length} bytes gzip)");
            Console.WriteLine("    tags: " + string.Join(", ", (item.Tags ?? new Dictionary<string, string>()).OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}")));
            var first = Encoding.UTF8.GetString(lines[0].Json.Span);
            Console.WriteLine("    first line: " + (first.Length > 400 ? first[..400] + "..." : first));
            return;
        }
    }

    private static void PrintHowToLook(BlobServiceClient blobs, string connectionString, bool embedded, bool keep)
    {
        Console.WriteLine("  look at the blobs:");
        if (embedded && !keep)
        {
            Console.WriteLine("    the embedded Azurite stops now and its data is removed; run again with --keep to browse,");
            Console.WriteLine("    or start your own Azurite and set AZURITE_CONNECTION_STRING to keep the data.");
        }

        Console.WriteLine($"    blob endpoint {blobs.Uri} (account devstoreaccount1, Azurite's well-known development key)");
        Console.WriteLine("    Azure Storage Explorer: Attach to a local emulator, or use this connection string:");
        Console.WriteLine("    " + connectionString);
        Console.WriteLine("    names: {yyyy}/{MM}/{dd}/{partition}/{first}-{last}-{attempt}.ndjson.gz per level container (one per batch);");
        Console.WriteLine("    quarantine {partition}/{sequence}/{reason}.{attempt}.json; audit commits/{partition}/{first}-{last}.json; index {vehicleKey}/{day}/{partition}");
    }

    private static async Task<int> Fail(string message, int exitCode)
    {
        await Console.Error.WriteLineAsync(message);
        return exitCode;
    }
}
