using System.Globalization;
using System.Net.Sockets;
using Azure.Identity;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Producer;

namespace Residency.Cli.Simulation;

/// <summary>
/// Publishes simulated events through the SDK's producer: one batch stream per partition key (the vehicle), batches
/// sized by the service's link limit, <c>contentEncoding</c> and other properties as application properties.
/// </summary>
internal sealed class EventHubsSink(EventHubProducerClient producer) : IEventSink
{
    public async Task<SinkReport> SendAsync(IReadOnlyList<SimulatedEvent> events, CancellationToken cancellationToken)
    {
        var tally = new Tally();
        var vehicles = events.GroupBy(e => e.PartitionKey, StringComparer.Ordinal).ToList();
        for (var i = 0; i < vehicles.Count; i++)
        {
            if (!await SendVehicleAsync(vehicles[i].Key, [.. vehicles[i]], tally, cancellationToken))
            {
                // No batch could be created (connection, sign-in, authorization): the other vehicles would only
                // wait through the same retries, so this chunk's remaining events fail with the same reason.
                tally.Fail(vehicles.Skip(i + 1).Sum(v => v.Count()), tally.LastError!);
                break;
            }
        }

        return new SinkReport(tally.Batches, tally.Accepted, tally.Failed, tally.LastError);
    }

    /// <summary>Sends one vehicle's events in order; false when the producer could not create a batch at all.</summary>
    private async Task<bool> SendVehicleAsync(string partitionKey, List<SimulatedEvent> events, Tally tally, CancellationToken cancellationToken)
    {
        var options = new CreateBatchOptions { PartitionKey = partitionKey };
        var next = 0;
        EventDataBatch? batch = null;
        try
        {
            while (next < events.Count)
            {
                batch ??= await producer.CreateBatchAsync(options, cancellationToken);
                if (batch.TryAdd(ToEventData(events[next])))
                {
                    next++;
                }
                else if (batch.Count == 0)
                {
                    // The service could never take it: refuse it here with its size rather than fail a send later.
                    tally.Fail(1, TooLarge(events[next], batch.MaximumSizeInBytes));
                    next++;
                }
                else
                {
                    await SendBatchAsync(batch, tally, cancellationToken);
                    batch.Dispose();
                    batch = null;
                }
            }

            if (batch is { Count: > 0 })
            {
                await SendBatchAsync(batch, tally, cancellationToken);
            }

            return true;
        }
        catch (Exception ex) when (Describe(ex) is { } reason)
        {
            tally.Fail(events.Count - next + (batch?.Count ?? 0), reason);
            return false;
        }
        finally
        {
            batch?.Dispose();
        }
    }

    private async Task SendBatchAsync(EventDataBatch batch, Tally tally, CancellationToken cancellationToken)
    {
        tally.Batches++;
        try
        {
            await producer.SendAsync(batch, cancellationToken);
            tally.Accepted += batch.Count;
        }
        catch (Exception ex) when (Describe(ex) is { } reason)
        {
            tally.Fail(batch.Count, reason);
        }
    }

    /// <summary>The event as the SDK sends it: the body bytes and the application properties (e.g. contentEncoding: gzip).</summary>
    public static EventData ToEventData(SimulatedEvent simulated)
    {
        ArgumentNullException.ThrowIfNull(simulated);
        var data = new EventData(simulated.Body);
        foreach (var (name, value) in simulated.Properties)
        {
            data.Properties[name] = value;
        }

        return data;
    }

    private static string TooLarge(SimulatedEvent simulated, long maximumBytes) => string.Create(CultureInfo.InvariantCulture,
        $"an event of {simulated.Body.Length} bytes does not fit in an empty batch (at most {maximumBytes} bytes on this hub); it was not sent.");

    /// <summary>What went wrong, without content, for failures the service or the sign-in causes; null for anything else (a bug).</summary>
    private static string? Describe(Exception ex) => ex switch
    {
        EventHubsException e => $"Event Hubs failed the send ({e.Reason}): {FirstLine(e.Message)}",
        UnauthorizedAccessException e => "Event Hubs refused the credential: " + FirstLine(e.Message),
        AuthenticationFailedException e => "Entra ID sign-in failed: " + FirstLine(e.Message),
        TimeoutException e => "Event Hubs did not answer in time: " + FirstLine(e.Message),
        SocketException e => $"Event Hubs could not be reached ({e.SocketErrorCode}): {FirstLine(e.Message)}",
        IOException e => "the connection to Event Hubs failed: " + FirstLine(e.Message),
        _ => null,
    };

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    private sealed class Tally
    {
        public int Batches { get; set; }

        public int Accepted { get; set; }

        public int Failed { get; private set; }

        public string? LastError { get; private set; }

        public void Fail(int events, string reason)
        {
            Failed += events;
            LastError = reason;
        }
    }
}
