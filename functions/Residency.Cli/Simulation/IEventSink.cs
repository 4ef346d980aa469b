namespace Residency.Cli.Simulation;

/// <summary>Where simulated events go: Event Hubs through the SDK's producer, or a local handler through the host emulator.</summary>
internal interface IEventSink
{
    /// <summary>Sends the events; per-chunk failures are counted, not thrown.</summary>
    Task<SinkReport> SendAsync(IReadOnlyList<SimulatedEvent> events, CancellationToken cancellationToken);
}

/// <summary>
/// What one send did: batches sent (a host batch the emulator retries counts once per attempt), events accepted,
/// events that failed or were refused, and the last error (no content).
/// </summary>
internal readonly record struct SinkReport(int Batches, int Accepted, int Failed, string? LastError = null);
