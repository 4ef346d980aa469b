using System.Text;
using Residency.FunctionsHost;
using Xunit;

namespace Residency.Cli.Tests.Simulation;

public class SimulateCommandTests
{
    [Theory]
    [InlineData("myns.servicebus.windows.net")]
    [InlineData("sb://myns.servicebus.windows.net/")]
    [InlineData("myns.servicebus.usgovcloudapi.net")]
    public async Task A_namespace_outside_azure_china_is_refused_with_a_clear_message_and_a_non_zero_exit(string ns)
    {
        var (exit, output, error) = await RunAsync("--namespace", ns, "--count", "5");

        // A refused target is a failure (exit 1), as a refused storage endpoint is for every verb.
        Assert.Equal(1, exit);
        Assert.Contains("is outside Azure China: only *.servicebus.chinacloudapi.cn is allowed", error, StringComparison.Ordinal);
        Assert.DoesNotContain("sending to", error, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Fact]
    public async Task A_public_cloud_connection_string_is_refused_and_its_key_never_printed()
    {
        const string key = "cHVibGljLWNsb3VkLWtleS1mb3ItdGhlLXRlc3Q=";
        var environment = new Dictionary<string, string>
        {
            [SimulateCommand.ConnectionStringVariable] = $"Endpoint=sb://myns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey={key}",
        };
        var (exit, output, error) = await RunAsync(environment, "--connection-string", "--count", "5");
        Assert.Equal(1, exit);
        Assert.Contains("'myns.servicebus.windows.net' is outside Azure China", error, StringComparison.Ordinal);
        Assert.DoesNotContain(key, error + output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connection_string_without_the_variable_is_a_usage_error()
    {
        var (exit, _, error) = await RunAsync("--connection-string", "--count", "1");
        Assert.Equal(2, exit);
        Assert.Contains(SimulateCommand.ConnectionStringVariable + ", which is not set", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_transport_is_refused()
    {
        var (exit, _, error) = await RunAsync("--namespace", "myns.servicebus.chinacloudapi.cn", "--transport", "http", "--count", "1");
        Assert.NotEqual(0, exit);
        Assert.Contains("http", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sends_to_a_local_handler_in_the_hosts_envelope()
    {
        await using var listener = new LoopbackListener(defaultStatus: 200, responseBody: """{"Outputs":{},"Logs":[],"ReturnValue":null}""");
        var (exit, _, error) = await RunAsync("--handler", listener.BaseUri.ToString(), "--count", "50", "--partitions", "2", "--seed", "4");
        Assert.True(exit == 0, error);

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
        var (exit, _, _) = await RunAsync("--handler", listener.BaseUri.ToString(), "--count", "3", "--partitions", "1", "--retries", "1");
        Assert.Equal(1, exit);
        Assert.Equal(2, listener.Requests.Count);
    }

    [Fact]
    public async Task Missing_target_is_a_usage_error()
    {
        Assert.Equal(2, (await RunAsync("--count", "1")).ExitCode);
    }

    /// <summary>Runs `simulate` in-process with captured output and error writers and an empty environment.</summary>
    internal static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) =>
        RunAsync(new Dictionary<string, string>(), args);

    /// <summary>Runs `simulate` with these environment variables.</summary>
    internal static Task<(int ExitCode, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        CliRunner.RunAsync(environment, ["simulate", .. args]);
}
