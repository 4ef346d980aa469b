using Residency.Functions.Tests.Infrastructure;
using Residency.FunctionsHost;
using Residency.Testing;
using Xunit;

namespace Residency.Functions.Tests;

/// <summary>No identifying value from any input reaches a log line or the response's Logs.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class LogSafetyTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Logs_hold_no_vin_phone_id_number_or_coordinates_from_the_inputs()
    {
        Assert.Contains("LSJA24U62JG269225", Uploads.SensitiveValues);
        Assert.Contains("13800138000", Uploads.SensitiveValues);
        Assert.Contains("11010519491231002X", Uploads.SensitiveValues);
        Assert.Contains("39.90872", Uploads.SensitiveValues);

        await using var relay = new TcpForwarder(azurite.BlobEndpoint);
        var viaRelay = azurite.ConnectionString.Replace(
            $"127.0.0.1:{azurite.BlobEndpoint.Port}", $"127.0.0.1:{relay.Port}", StringComparison.Ordinal);
        await using var handler = await RunningHandler.StartAsync(RunningHandler.DevelopmentSettings(viaRelay));
        var partition = Uploads.NewPartition();
        var (batch, _) = MixedBatch.Create(partition);

        // Every path that logs: storage down, success with quarantines, a replay, a broken envelope.
        var replies = new List<HostInvocationReply> { await handler.InvokeAsync(batch) };
        relay.Start();
        replies.Add(await handler.InvokeAsync(batch));
        replies.Add(await handler.InvokeAsync(batch));
        replies.Add(await handler.PostAsync("{\"Data\":{\"events\":[\"LSJA24U62JG269225\"]},\"Metadata\":{}}"u8.ToArray()));

        Assert.Equal([500, 200, 200, 200], replies.Select(r => r.StatusCode));
        var text = handler.Logs.AllText + "\n" + string.Join("\n", replies.SelectMany(r => r.Logs));
        Assert.Contains("quarantined", text, StringComparison.Ordinal);
        foreach (var value in Uploads.SensitiveValues)
        {
            Assert.DoesNotContain(value, text, StringComparison.Ordinal);
        }
    }
}
