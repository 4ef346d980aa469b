using Azure;
using Residency.Cli.Simulation.EventHubs;

namespace Residency.Cli.Simulation;

/// <summary>Sends simulated events to Event Hubs through its REST API.</summary>
internal sealed class EventHubsSink(EventHubsRestClient client) : IEventSink
{
    public async Task<SinkReport> SendAsync(IReadOnlyList<SimulatedEvent> events, CancellationToken cancellationToken)
    {
        var messages = events.Select(e => new EventHubsMessage(e.Body, e.PartitionKey, e.Properties)).ToList();
        try
        {
            var requests = await client.SendAsync(messages, cancellationToken);
            return new SinkReport(requests, events.Count, 0);
        }
        catch (RequestFailedException ex)
        {
            return new SinkReport(1, 0, events.Count, $"Event Hubs answered HTTP {ex.Status} {ex.ErrorCode}".TrimEnd());
        }
        catch (HttpRequestException ex)
        {
            return new SinkReport(1, 0, events.Count, $"Event Hubs could not be reached ({ex.HttpRequestError}).");
        }
    }
}
