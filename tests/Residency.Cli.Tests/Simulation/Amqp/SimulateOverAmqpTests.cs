using Azure.Messaging.EventHubs;
using Residency.Cli.Simulation;
using Residency.Cli.Simulation.EventHubs;
using Xunit;

namespace Residency.Cli.Tests.Simulation.Amqp;

/// <summary>
/// The real SDK producer over AMQP, as it talks to the development emulator, against <see cref="FakeEventHubsEndpoint"/>:
/// what arrives is what the simulator generated, under the vehicle's partition key, with its properties, in batches
/// no larger than the link allows.
/// </summary>
public sealed class SimulateOverAmqpTests
{
    private const int LinkLimit = 3 * 1024;

    // Without camera frames (a 1280x720 JPEG is over 100 KB): the link here allows 3 KB, to see batches split.
    private static List<SimulatedEvent> Fleet(int count) =>
        new FleetGenerator(new FleetOptions { Vehicles = 4, MalformedShare = 0.1, GzipShare = 0.5, AllowOversized = false, FrameShare = 0, Seed = 21 })
            .Take(count).ToList();

    private static async Task<SinkReport> SendAsync(FakeEventHubsEndpoint endpoint, IReadOnlyList<SimulatedEvent> events)
    {
        var (target, error, _) = EventHubsTarget.ForConnectionString(endpoint.ConnectionString, null, endpoint.HubName);
        Assert.Null(error);
        await using var producer = EventHubsProducerFactory.Create(target!, EventHubsTransportType.AmqpTcp);
        return await new EventHubsSink(producer).SendAsync(events, CancellationToken.None);
    }

    [Fact]
    public async Task Events_arrive_with_their_bodies_partition_keys_and_properties_in_batches_the_link_allows()
    {
        var events = Fleet(48);
        Assert.All(events, e => Assert.True(e.Body.Length < LinkLimit - 512));
        using var endpoint = new FakeEventHubsEndpoint("vehicle-uploads", maxMessageSize: LinkLimit);

        var report = await SendAsync(endpoint, events);

        Assert.Equal(new SinkReport(report.Batches, 48, 0), report);
        var received = endpoint.Events;
        Assert.Equal(48, received.Count);
        Assert.All(received, r => Assert.Equal("/vehicle-uploads", r.Address));  // the hub, not a partition: the service picks it by key
        foreach (var vehicle in events.GroupBy(e => e.PartitionKey))
        {
            var arrived = received.Where(r => r.PartitionKey == vehicle.Key).ToList();
            Assert.Equal(vehicle.Select(e => e.Body), arrived.Select(r => r.Body));
            Assert.Equal(vehicle.Select(e => e.Properties.GetValueOrDefault("contentEncoding")), arrived.Select(r => r.Properties.GetValueOrDefault("contentEncoding")));
        }

        Assert.Contains(received, r => r.Properties.GetValueOrDefault("contentEncoding") == "gzip");
        Assert.Contains(received, r => r.Body[0] == 0x1f && !r.Properties.ContainsKey("contentEncoding"));  // gzip told by magic bytes alone
        var transfers = endpoint.Transfers;
        Assert.Equal(report.Batches, transfers.Count);
        Assert.True(transfers.Count > 4 + 2, $"{transfers.Count} transfers: the link's {LinkLimit}-byte limit should have split the vehicles' events");
        Assert.All(transfers, t => Assert.InRange(t.Bytes, 1, LinkLimit));
        // The producer authorizes the hub once over CBS and asks $management nothing before sending by partition key.
        Assert.Equal(["put-token servicebus.windows.net:sastoken amqp://127.0.0.1/vehicle-uploads"], endpoint.Requests);
    }

    [Fact]
    public async Task An_event_larger_than_the_link_allows_is_refused_before_it_is_sent()
    {
        var events = Fleet(6);
        events[2] = events[2] with { Body = new byte[LinkLimit + 100] };
        using var endpoint = new FakeEventHubsEndpoint("vehicle-uploads", maxMessageSize: LinkLimit);

        var report = await SendAsync(endpoint, events);

        Assert.Equal(5, report.Accepted);
        Assert.Equal(1, report.Failed);
        Assert.Equal($"an event of {LinkLimit + 100} bytes does not fit in an empty batch (at most {LinkLimit} bytes on this hub); it was not sent.", report.LastError);
        Assert.Equal(5, endpoint.Events.Count);
        Assert.DoesNotContain(endpoint.Events, e => e.Body.Length == LinkLimit + 100);
    }

    [Fact]
    public async Task The_command_sends_to_the_emulator_named_by_its_connection_string_and_prints_the_summary()
    {
        using var endpoint = new FakeEventHubsEndpoint("vehicle-uploads", maxMessageSize: 256 * 1024);
        var environment = new Dictionary<string, string> { [SimulateCommand.ConnectionStringVariable] = endpoint.ConnectionString };
        var (exit, output, error) = await SimulateCommandTests.RunAsync(environment, "--connection-string", "--count", "90", "--vehicles", "5", "--seed", "6");

        Assert.True(exit == 0, error);
        Assert.Contains($"simulate: sending to 127.0.0.1/vehicle-uploads (development emulator)", error, StringComparison.Ordinal);
        Assert.Contains($": 90 accepted, 0 failed, {endpoint.Transfers.Count} batches.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("SAS_KEY_VALUE", output + error, StringComparison.Ordinal);

        Assert.Equal(90, endpoint.Events.Count);
        Assert.Equal(5, endpoint.Events.Select(e => e.PartitionKey).Distinct().Count());
        Assert.All(endpoint.Events, e => Assert.Matches("^[0-9a-f]{32}$", e.PartitionKey));  // the vehicle's pseudonymous key, never a VIN
    }

    [Fact]
    public async Task An_emulator_that_is_not_running_fails_the_events_with_the_reason()
    {
        int port;
        using (var stopped = new FakeEventHubsEndpoint("vehicle-uploads", maxMessageSize: LinkLimit))
        {
            port = stopped.Port;
        }

        var connection = $"Endpoint=sb://127.0.0.1:{port};SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;";
        var (target, _, _) = EventHubsTarget.ForConnectionString(connection, null, "vehicle-uploads");
        var quickRetries = new EventHubsRetryOptions { MaximumRetries = 1, Delay = TimeSpan.FromMilliseconds(50), MaximumDelay = TimeSpan.FromMilliseconds(50) };
        await using var producer = EventHubsProducerFactory.Create(target!, EventHubsTransportType.AmqpTcp, quickRetries);

        var report = await new EventHubsSink(producer).SendAsync(Fleet(12), CancellationToken.None);

        Assert.Equal(new SinkReport(0, 0, 12, report.LastError), report);
        Assert.StartsWith("Event Hubs could not be reached (ConnectionRefused)", report.LastError, StringComparison.Ordinal);
    }
}
