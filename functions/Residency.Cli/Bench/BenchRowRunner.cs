using System.Diagnostics;
using System.Globalization;
using Residency.Cli.LocalRun;
using Residency.Cli.Simulation;
using Residency.Cli.Simulation.Local;
using Residency.Development;
using Residency.FunctionsHost;
using Residency.Ingest;
using Residency.Storage.Audit;
using Residency.Storage.Clients;

namespace Residency.Cli.Bench;

/// <summary>
/// Runs one row of the benchmark on a fresh Azurite and a fresh handler process, so no row inherits another's partition
/// heads, caches, markers or stored data: warm the handler up on a partition of its own, deliver every event in host
/// batches of the row's size through the real handler over HTTP (timed), then count, verify and measure the floor.
/// </summary>
internal sealed class BenchRowRunner(BenchSettings settings, AzuriteSettings azuriteSettings, TextWriter progress)
{
    /// <summary>The warm-up batch's partition: not one the emulator numbers, and left out of every count.</summary>
    public const string WarmUpPartition = "warmup";

    private const int WarmUpEvents = 100;

    // Only an Azurite of our own is fresh; a configured, shared one would carry other data and other rows' heads.
    private static readonly IReadOnlyList<AzuriteSource> AzuriteOrder = [AzuriteSource.Testcontainers, AzuriteSource.NpmProcess];

    /// <summary>One line on what ran Azurite for the last row (engine and image, or the node process).</summary>
    public string? AzuriteDescription { get; private set; }

    public async Task<BenchRow> RunAsync(
        int batchSize, IReadOnlyList<SimulatedEvent> events, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? handlerSettings = null)
    {
        Say($"batch {batchSize}: starting a fresh Azurite...");
        var request = new AzuriteRequest { Settings = azuriteSettings, Order = AzuriteOrder, NeedsOwnInstance = true };
        await using var azurite = await AzuriteLauncher.StartAsync(request, line => Say(line), cancellationToken);
        AzuriteDescription = azurite.Description;
        Say($"batch {batchSize}: starting the handler as the Functions host does...");
        var handlerEnvironment = new Dictionary<string, string>(handlerSettings ?? new Dictionary<string, string>())
        {
            [HandlerSettingNames.MaxConcurrency] = settings.MaxConcurrency.ToString(CultureInfo.InvariantCulture),
        };
        await using var handler = await HandlerLauncher.StartDevelopmentAsync(
            azurite.ConnectionString, handlerEnvironment, handlerPath: settings.HandlerPath, cancellationToken: cancellationToken);
        await WarmUpAsync(handler, cancellationToken);

        Say($"batch {batchSize}: delivering {events.Count} events in host batches of at most {batchSize} over {settings.Partitions} partitions...");
        using var self = Process.GetCurrentProcess();
        var handlerCpuBefore = handler.ProcessorTime();
        var compilationBefore = await HandlerCompilation.ReadAsync(handler, cancellationToken);
        var hostCpuBefore = CpuTime(self);
        var clock = Stopwatch.StartNew();
        var delivered = await new FunctionsHostEmulator(handler.Client, settings.Partitions, batchSize).DeliverAsync(events, cancellationToken);
        clock.Stop();
        var handlerCpu = handler.ProcessorTime() - handlerCpuBefore;
        var compilation = await HandlerCompilation.ReadAsync(handler, cancellationToken) - compilationBefore;
        var hostCpu = CpuTime(self) - hostCpuBefore;
        var peak = handler.PeakWorkingSetBytes();

        var summary = LocalRunSummary.FromDeliveries(delivered);
        if (summary.FailedBatches > 0)
        {
            Say($"batch {batchSize}: {summary.FailedBatches} batch(es) failed; the handler's last lines:");
            foreach (var line in handler.RecentOutput.TakeLast(20))
            {
                Say("  " + line);
            }
        }

        Say($"batch {batchSize}: verifying the ledger and measuring the floor...");
        var service = ResidencyBlobClients.FromConnectionString(azurite.ConnectionString, StorageClientSettings.Development);
        var blobs = await RowBlobs.ListAsync(service, WarmUpPartition, cancellationToken);
        var audit = await new AuditVerifier(service).VerifyAsync(cancellationToken: cancellationToken);
        var floor = await StorageFloor.MeasureAsync(azurite.ConnectionString, blobs.Blobs, settings.MaxConcurrency, cancellationToken);

        return new BenchRow(batchSize, summary.Events, summary.Batches, summary.FailedBatches, summary.Accounted, summary.Surprises.Count,
            clock.Elapsed, summary.StorageRequests, BatchBudget(delivered), blobs.Markers, blobs.Quarantined,
            handlerCpu, compilation, hostCpu, peak, floor, audit);
    }

    // First requests pay for JIT compilation, connections and container creation; a long-running instance does not.
    private async Task WarmUpAsync(HandlerLauncher handler, CancellationToken cancellationToken)
    {
        var generator = new FleetGenerator(settings.Fleet(settings.Seed + 1));
        var enqueued = DateTimeOffset.UtcNow;
        var warmUp = generator.Take(WarmUpEvents)
            .Select((e, i) => new IngestEvent(e.Body, i, (i * 1024L).ToString(CultureInfo.InvariantCulture), enqueued, e.PartitionKey, e.Properties))
            .ToList();
        var result = await handler.Client.InvokeAsync(new IngestBatch(WarmUpPartition, warmUp), cancellationToken: cancellationToken);
        if (!result.Succeeded)
        {
            throw new CliException(
                $"the handler answered the warm-up batch with HTTP {result.StatusCode}: {string.Join(" | ", handler.RecentOutput.TakeLast(12))}");
        }
    }

    // The cost model's bound (docs/storage.md): per batch one write per level touched, the head announced and
    // advanced, one commit record; one head read per partition, since a fresh handler has none cached. Markers and
    // quarantine entries come on top, one each.
    private static long BatchBudget(IReadOnlyList<DeliveredBatch> delivered) =>
        delivered.Sum(d => (d.Result.Outcome?.Events.SelectMany(e => e.Levels).Distinct(StringComparer.Ordinal).Count() ?? 0) + 3L)
        + delivered.Select(d => d.Batch.PartitionId).Distinct(StringComparer.Ordinal).Count();

    private static TimeSpan CpuTime(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    private void Say(string line) => progress.WriteLine("bench: " + line);
}
