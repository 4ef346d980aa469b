using Azure;
using Azure.Core;
using Residency.Cli.Simulation;
using Residency.Cli.Simulation.EventHubs;
using Xunit;

namespace Residency.Cli.Tests.Simulation;

public class EventHubsSinkTests
{
    [Fact]
    public async Task A_refused_publication_counts_only_its_own_events_as_failed()
    {
        await using var listener = new LoopbackListener();
        listener.Script(400);
        var options = new EventHubsRestClientOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        options.Retry.Mode = RetryMode.Fixed;
        var sink = new EventHubsSink(new EventHubsRestClient(listener.BaseUri, "vehicle-uploads", new AzureNamedKeyCredential("send", "a2V5"), options));
        var events = new FleetGenerator(new FleetOptions { Vehicles = 3, MalformedShare = 0, AllowOversized = false, Seed = 8 }).Take(30).ToList();

        var report = await sink.SendAsync(events, CancellationToken.None);

        Assert.Equal(3, report.Requests);
        Assert.Equal(3, listener.Requests.Count);
        Assert.Equal(10, report.Failed);
        Assert.Equal(20, report.Accepted);
        Assert.Equal("Event Hubs answered HTTP 400", report.LastError);
    }
}
