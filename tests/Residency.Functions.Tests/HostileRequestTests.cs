using System.Text;
using Residency.Functions.Tests.Infrastructure;
using Residency.FunctionsHost;
using Residency.Ingest;
using Residency.Storage;
using Residency.Testing;
using Xunit;

namespace Residency.Functions.Tests;

/// <summary>
/// Requests no host sends: each is kept whole in quarantine and answered 200 (a retry cannot fix it), nothing of it
/// reaches a log unchecked, and storage that never answers fails the batch within its budget.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class HostileRequestTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Vin = "LSJA24U62JG269225";
    private RunningHandler _handler = null!;

    public async Task InitializeAsync() => _handler = await RunningHandler.StartAsync(RunningHandler.DevelopmentSettings(azurite.ConnectionString));

    public async Task DisposeAsync() => await _handler.DisposeAsync();

    public static TheoryData<string, string> Shapes => new()
    {
        { "negative sequence number", Envelope("7", "[-3]") },
        { "partition id with a path", Envelope("../x", "[1]") },
        { "partition id of 70 characters", Envelope(new string('9', 70), "[1]") },
        { "partition id with a newline and a VIN", Envelope($"1\\nInformation: forged line {Vin}", "[1]") },
        { "repeated sequence number", Envelope("7", "[5,5]", events: "[\"e30=\",\"e30=\"]") },
        { "events array in a string holding trailing text", """{"Data":{"events":"[\"e30=\"] x"},"Metadata":{"PartitionContext":{"PartitionId":"7"},"SequenceNumberArray":[1]}}""" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task An_envelope_no_host_sends_is_quarantined_whole_and_answered_200_without_its_text_in_the_logs(string shape, string json)
    {
        var request = Encoding.UTF8.GetBytes(json);

        var reply = await _handler.PostAsync(request);

        Assert.True(reply.StatusCode == 200, shape);
        Assert.Contains(IngestReasons.InvalidEnvelope, Assert.Single(reply.Logs), StringComparison.Ordinal);
        var name = BlobLayout.InvocationQuarantineName(UnreadableInvocation.PartitionId, request, IngestReasons.InvalidEnvelope);
        var stored = await azurite.CreateClient().GetBlobContainerClient(ResidencyContainers.Quarantine).GetBlobClient(name).DownloadContentAsync();
        using var entry = System.Text.Json.JsonDocument.Parse(stored.Value.Content.ToMemory());
        Assert.Equal(request, entry.RootElement.GetProperty("rawBase64").GetBytesFromBase64());
        var logs = _handler.Logs.AllText + string.Join("\n", reply.Logs);
        Assert.DoesNotContain(Vin, logs, StringComparison.Ordinal);
        Assert.DoesNotContain("../x", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('9', 70), logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invocation_id_that_is_not_a_guid_is_logged_only_as_a_hash()
    {
        var forged = $"abc\nInformation: {Vin}";

        var reply = await _handler.PostAsync(Encoding.UTF8.GetBytes(Envelope("7", "[1]")).Concat("x"u8.ToArray()).ToArray(), forged);

        Assert.Equal(200, reply.StatusCode);
        Assert.DoesNotContain(Vin, _handler.Logs.AllText, StringComparison.Ordinal);
        Assert.Contains("sha256:", _handler.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_larger_than_the_limit_is_streamed_into_quarantine_as_sent_and_answered_200()
    {
        var settings = RunningHandler.DevelopmentSettings(azurite.ConnectionString);
        settings[HandlerSettingNames.MaxRequestMegabytes] = "1";
        settings[HandlerSettingNames.MaxInFlightMegabytes] = "1";
        await using var handler = await RunningHandler.StartAsync(settings);
        var request = new byte[(3 * 1024 * 1024) + 17];
        new Random(5).NextBytes(request);

        var reply = await handler.PostAsync(request);

        Assert.Equal(200, reply.StatusCode);
        var line = Assert.Single(reply.Logs);
        Assert.Contains($"({request.Length} bytes)", line, StringComparison.Ordinal);
        var name = line[(line.LastIndexOf(" as ", StringComparison.Ordinal) + 4)..].TrimEnd('.');
        Assert.EndsWith(".bin", name, StringComparison.Ordinal);
        Assert.Contains(IngestReasons.RequestTooLarge, name, StringComparison.Ordinal);
        var stored = await azurite.CreateClient().GetBlobContainerClient(ResidencyContainers.Quarantine).GetBlobClient(name).DownloadContentAsync();
        Assert.Equal(request, stored.Value.Content.ToArray());
    }

    [Fact]
    public async Task Storage_that_accepts_connections_and_never_answers_fails_the_batch_with_500_within_its_budget()
    {
        await using var silent = new SilentStorage();
        // Ten retries of one second each would take longer than the budget: the budget decides.
        var settings = RunningHandler.DevelopmentSettings(silent.ConnectionString, storageMaxRetries: 10);
        settings[HandlerSettingNames.StorageNetworkTimeoutSeconds] = "1";
        settings[HandlerSettingNames.StorageBudgetSeconds] = "5";
        await using var handler = await RunningHandler.StartAsync(settings);

        var reply = await handler.InvokeAsync(new IngestBatch(Uploads.NewPartition(), [Uploads.Event(1, Uploads.Sample("trip"))]));

        Assert.Equal(500, reply.StatusCode);
        Assert.True(silent.Connections > 0);
        Assert.Contains("Storage unavailable", Assert.Single(reply.Logs), StringComparison.Ordinal);
        Assert.Contains("did not finish the batch within its budget of 5 s", reply.Logs[0], StringComparison.Ordinal);
    }

    private static string Envelope(string partitionId, string sequenceNumbers, string events = "[\"e30=\"]") =>
        $$$"""{"Data":{"events":{{{events}}}},"Metadata":{"PartitionContext":{"PartitionId":"{{{partitionId}}}"},"SequenceNumberArray":{{{sequenceNumbers}}}}}""";
}
