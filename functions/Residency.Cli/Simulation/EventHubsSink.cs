using Azure;
using Residency.Cli.Simulation.EventHubs;

namespace Residency.Cli.Simulation;

/// <summary>Sends simulated events to Event Hubs through its REST API.</summary>
internal sealed class EventHubsSink(EventHubsRestClient client) : IEventSink
{
    public async Task<SinkReport> SendAsync(IReadOnlyList<SimulatedEvent> events, CancellationToken cancellationToken)
    {
        var messages = events.Select(e => new EventHubsMessage(e.Body, e.PartitionKey, e.Properties));
        int requests = 0, accepted = 0, failed = 0;
        string? lastError = null;
        foreach (var batch in client.Batches(messages))
        {
            requests++;
            try
            {
                await client.SendBatchAsync(batch, cancellationToken);
                accepted += batch.EventCount;
            }
            catch (RequestFailedException ex)
            {
                failed += batch.EventCount;
                lastError = ex.Status == 0 ? "Event Hubs could not be reached." : $"Event Hubs answered HTTP {ex.Status} {ex.ErrorCode}".TrimEnd();
            }
        }

        return new SinkReport(requests, accepted, failed, lastError);
    }
}
