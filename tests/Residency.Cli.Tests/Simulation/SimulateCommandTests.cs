using System.Text;
using System.Text.Json;
using Residency.Ingest.FunctionsHost;
using Xunit;

namespace Residency.Cli.Tests.Simulation;

[Collection("Console")]
public class SimulateCommandTests
{
    [Fact]
    public async Task Sends_to_event_hubs_over_rest_with_sas_from_the_environment()
    {
        await using var listener = new LoopbackListener();
        Environment.SetEnvironmentVariable(SimulateCommand.SasKeyVariable, "dGVzdC1rZXk=");
        try
        {
            var exit = await SimulateCommand.Create().Parse(
                ["--namespace", listener.BaseUri.ToString(), "--sas-key-name", "send", "--count", "120", "--vehicles", "6", "--seed", "3"]).InvokeAsync();
            Assert.Equal(0, exit);
        }
        finally
        {
            Environment.SetEnvironmentVariable(SimulateCommand.SasKeyVariable, null);
        }

        var total = 0;
        foreach (var request in listener.Requests)
        {
            Assert.Equal("/vehicle-uploads/messages", request.Url.AbsolutePath);
            using var doc = JsonDocument.Parse(request.Body);
            var keys = doc.RootElement.EnumerateArray().Select(e => e.GetProperty("BrokerProperties").GetProperty("PartitionKey").GetString()).Distinct();
            Assert.Single(keys);
            total += doc.RootElement.GetArrayLength();
        }

        Assert.Equal(120, total);
    }

    [Fact]
    public async Task Sends_to_a_local_handler_in_the_hosts_envelope()
    {
        await using var listener = new LoopbackListener(defaultStatus: 200, responseBody: """{"Outputs":{},"Logs":[],"ReturnValue":null}""");
        var exit = await SimulateCommand.Create().Parse(
            ["--handler", listener.BaseUri.ToString(), "--count", "50", "--partitions", "2", "--seed", "4"]).InvokeAsync();
        Assert.Equal(0, exit);

        var sequence = new Dictionary<string, List<long>>();
        foreach (var request in listener.Requests)
        {
            Assert.Equal("/VehicleIngest", request.Url.AbsolutePath);
            Assert.StartsWith("Azure-Functions-Host/", request.Headers["User-Agent"], StringComparison.Ordinal);
            Assert.True(Guid.TryParse(request.Headers["X-Azure-Functions-InvocationId"], out _));
            var batch = HostInvocationReader.Read(request.Body);
            sequence.TryAdd(batch.PartitionId, []);
            sequence[batch.PartitionId].AddRange(batch.Events.Select(e => e.SequenceNumber));
            Assert.Contains("\"SequenceNumberArray\":\"[", Encoding.UTF8.GetString(request.Body), StringComparison.Ordinal);
        }

        Assert.Equal(50, sequence.Values.Sum(s => s.Count));
        Assert.All(sequence.Values, s => Assert.Equal(Enumerable.Range(0, s.Count).Select(i => (long)i), s));
    }

    [Fact]
    public async Task A_handler_that_keeps_failing_makes_the_command_fail()
    {
        await using var listener = new LoopbackListener(defaultStatus: 500, responseBody: """{"Outputs":{},"Logs":["Storage unavailable"],"ReturnValue":null}""");
        var command = SimulateCommand.Create();
        var exit = await command.Parse(["--handler", listener.BaseUri.ToString(), "--count", "3", "--partitions", "1", "--retries", "1"]).InvokeAsync();
        Assert.Equal(1, exit);
        Assert.Equal(2, listener.Requests.Count);
    }

    [Fact]
    public async Task Missing_target_is_a_usage_error()
    {
        Assert.Equal(2, await SimulateCommand.Create().Parse(["--count", "1"]).InvokeAsync());
    }
}
