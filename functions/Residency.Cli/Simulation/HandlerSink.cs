using Residency.Cli.Simulation.Local;

namespace Residency.Cli.Simulation;

/// <summary>Sends simulated events to a local custom handler in the Functions host's envelope, keeping every outcome.</summary>
internal sealed class HandlerSink(FunctionsHostEmulator emulator) : IEventSink
{
    private readonly List<DeliveredBatch> _delivered = [];

    public IReadOnlyList<DeliveredBatch> Delivered => _delivered;

    public async Task<SinkReport> SendAsync(IReadOnlyList<SimulatedEvent> events, CancellationToken cancellationToken)
    {
        var delivered = await emulator.DeliverAsync(events, cancellationToken);
        _delivered.AddRange(delivered);
        var accepted = delivered.Where(d => d.Result.Succeeded).Sum(d => d.Batch.Events.Count);
        var failed = delivered.Where(d => !d.Result.Succeeded).ToList();
        var lastError = failed.Count == 0
            ? null
            : $"The handler answered HTTP {failed[^1].Result.StatusCode}: {string.Join(" ", failed[^1].Result.Logs)}".Trim();
        return new SinkReport(delivered.Sum(d => d.Attempts), accepted, events.Count - accepted, lastError);
    }
}
