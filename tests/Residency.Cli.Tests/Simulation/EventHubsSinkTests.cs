using Azure.Messaging.EventHubs;
using Residency.Cli.Simulation;
using Xunit;

namespace Residency.Cli.Tests.Simulation;

/// <summary>
/// The sink's batching, partition keys and properties against the SDK's producer, mocked through the SDK's own
/// support (Event Hubs itself cannot run here).
/// </summary>
public class EventHubsSinkTests
{
    private static List<SimulatedEvent> Fleet(int count, int vehicles = 4, double gzipShare = 0.3, int seed = 8) =>
        new FleetGenerator(new FleetOptions { Vehicles = vehicles, MalformedShare = 0, GzipShare = gzipShare, AllowOversized = false, Seed = seed })
            .Take(count).ToList();

    [Fact]
    public async Task Every_batch_holds_one_vehicles_events_under_its_partition_key_in_order()
    {
        var producer = new RecordingProducer(1024 * 1024);
        var events = Fleet(60);

        var report = await new EventHubsSink(producer).SendAsync(events, CancellationToken.None);

        Assert.Equal(new SinkReport(Batches: 4, Accepted: 60, Failed: 0), report);
        Assert.Equal(4, producer.Sent.Count);
        foreach (var batch in producer.Sent)
        {
            var expected = events.Where(e => e.PartitionKey == batch.PartitionKey).Select(e => e.Body).ToList();
            Assert.Equal(expected, batch.Events.Select(e => e.EventBody.ToArray()).ToList());
        }

        Assert.Equal(events.Select(e => e.PartitionKey).Distinct().Order(StringComparer.Ordinal),
            producer.Sent.Select(b => b.PartitionKey!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Batches_are_cut_at_the_size_the_producer_allows_and_keep_every_event_once()
    {
        var events = Fleet(80, vehicles: 2);
        var largest = events.Max(e => e.Body.Length);
        var producer = new RecordingProducer(largest * 3);

        var report = await new EventHubsSink(producer).SendAsync(events, CancellationToken.None);

        Assert.Equal(80, report.Accepted);
        Assert.Equal(producer.Sent.Count, report.Batches);
        Assert.All(producer.Sent, b => Assert.InRange(Size(b.Events), 1, largest * 3));
        foreach (var vehicle in events.GroupBy(e => e.PartitionKey))
        {
            var batches = producer.Sent.Where(b => b.PartitionKey == vehicle.Key).ToList();
            Assert.Equal(vehicle.Select(e => e.Body), batches.SelectMany(b => b.Events).Select(e => e.EventBody.ToArray()));

            // A batch is sent only when the next event no longer fits: none is cut early.
            for (var i = 0; i < batches.Count - 1; i++)
            {
                Assert.True(Size(batches[i].Events) + batches[i + 1].Events[0].EventBody.ToMemory().Length > largest * 3);
            }
        }

        Assert.True(producer.Sent.Count > 2, $"{producer.Sent.Count} batches: the limit never cut one");
    }

    private static long Size(IEnumerable<EventData> events) => events.Sum(e => (long)e.EventBody.ToMemory().Length);

    [Fact]
    public async Task ContentEncoding_travels_as_an_application_property_and_bodies_are_sent_unchanged()
    {
        var producer = new RecordingProducer(1024 * 1024);
        var events = Fleet(120, gzipShare: 0.6);
        Assert.Contains(events, e => e.Properties.ContainsKey("contentEncoding"));

        await new EventHubsSink(producer).SendAsync(events, CancellationToken.None);

        var sent = producer.Sent.SelectMany(b => b.Events).ToDictionary(e => Convert.ToBase64String(e.EventBody.ToArray()));
        Assert.Equal(events.Count, sent.Count);
        foreach (var simulated in events)
        {
            var data = sent[Convert.ToBase64String(simulated.Body)];
            Assert.Equal(simulated.Properties.Count, data.Properties.Count);
            foreach (var (name, value) in simulated.Properties)
            {
                Assert.Equal(value, data.Properties[name]);
            }
        }
    }

    [Fact]
    public async Task An_event_too_large_for_an_empty_batch_is_refused_before_sending_with_its_size()
    {
        var events = Fleet(10, vehicles: 1, gzipShare: 0);
        var limit = events.Max(e => e.Body.Length) + 10;
        var huge = events[3] with { Body = new byte[limit + 1] };
        events[3] = huge;
        var producer = new RecordingProducer(limit);

        var report = await new EventHubsSink(producer).SendAsync(events, CancellationToken.None);

        Assert.Equal(1, report.Failed);
        Assert.Equal(9, report.Accepted);
        Assert.Equal($"an event of {limit + 1} bytes does not fit in an empty batch (at most {limit} bytes on this hub); it was not sent.", report.LastError);
        Assert.DoesNotContain(producer.Sent.SelectMany(b => b.Events), e => e.EventBody.ToMemory().Length == limit + 1);
        Assert.Equal(9, producer.Sent.Sum(b => b.Events.Count));
    }

    [Fact]
    public async Task A_failed_send_counts_only_its_own_events_and_names_the_reason()
    {
        var producer = new RecordingProducer(1024 * 1024)
        {
            SendFailure = attempt => attempt == 1 ? new EventHubsException(isTransient: true, "vehicle-uploads", "The service is busy.", EventHubsException.FailureReason.ServiceBusy) : null,
        };
        var events = Fleet(30, vehicles: 3);

        var report = await new EventHubsSink(producer).SendAsync(events, CancellationToken.None);

        Assert.Equal(3, report.Batches);
        Assert.Equal(10, report.Failed);
        Assert.Equal(20, report.Accepted);
        Assert.StartsWith("Event Hubs failed the send (ServiceBusy): The service is busy.", report.LastError, StringComparison.Ordinal);
        Assert.Equal(2, producer.Sent.Count);
    }

    [Fact]
    public async Task A_refused_credential_fails_every_event_without_a_send()
    {
        var producer = new RecordingProducer(1024 * 1024) { CreateFailure = new UnauthorizedAccessException("Unauthorized access. 'Send' claim(s) are required.") };

        var report = await new EventHubsSink(producer).SendAsync(Fleet(12, vehicles: 3), CancellationToken.None);

        Assert.Equal(new SinkReport(0, 0, 12, "Event Hubs refused the credential: Unauthorized access. 'Send' claim(s) are required."), report);
        Assert.Equal(0, producer.SendAttempts);
        Assert.Equal(1, producer.CreateAttempts);  // the other vehicles do not wait through the same failure
    }

    [Fact]
    public async Task A_bug_is_not_counted_as_a_service_failure()
    {
        var producer = new RecordingProducer(1024 * 1024) { SendFailure = _ => new InvalidOperationException("a bug of ours") };

        await Assert.ThrowsAsync<InvalidOperationException>(() => new EventHubsSink(producer).SendAsync(Fleet(3), CancellationToken.None));
    }
}
