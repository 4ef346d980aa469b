namespace Residency.Cli.Simulation;

/// <summary>Where simulated events go: Event Hubs over REST, or a local handler through the host emulator.</summary>
internal interface IEventSink
{
    /// <summary>Sends the events; per-chunk failures are counted, not thrown.</summary>
    Task<SinkReport> SendAsync(IReadOnlyList<SimulatedEvent> events, CancellationToken cancellationToken);
}

/// <summary>What one send did: requests made, events accepted, events that failed, and the last error (no content).</summary>
internal readonly record struct SinkReport(int Requests, int Accepted, int Failed, string? LastError = null);
