using System.Text;
using Residency.Functions.Tests.Infrastructure;
using Residency.FunctionsHost;
using Residency.Ingest;
using Residency.Testing;
using Xunit;

namespace Residency.Functions.Tests;

/// <summary>The wire contract with the Functions host, over real HTTP to the handler on Kestrel, backed by Azurite.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class HandlerContractTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private RunningHandler _handler = null!;

    public async Task InitializeAsync() => _handler = await RunningHandler.StartAsync(RunningHandler.DevelopmentSettings(azurite.ConnectionString));

    public async Task DisposeAsync() => await _handler.DisposeAsync();

    [Fact]
    public async Task Readiness_probe_answers_get_root()
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(_handler.Client.BaseUri);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{\"status\":\"ready\"}", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(HostArrayEncoding.JsonString)]
    [InlineData(HostArrayEncoding.JsonArray)]
    public async Task A_host_batch_in_either_encoding_is_answered_200_with_outputs_logs_and_return_value(HostArrayEncoding encoding)
    {
        var partition = Uploads.NewPartition();
        var batch = new IngestBatch(partition,
        [
            Uploads.Event(10, Uploads.Sample("telemetry")),
            Uploads.Event(11, Uploads.Gzip(Uploads.Sample("account")), Uploads.GzipProperty),
            Uploads.Event(12, Uploads.Invalid("invalid-json")),
        ]);

        var reply = await _handler.InvokeAsync(batch, encoding);

        Assert.Equal(200, reply.StatusCode);
        Assert.Equal("application/json", reply.ContentType);
        Assert.Contains("\"Outputs\":{}", reply.BodyText, StringComparison.Ordinal);
        Assert.NotEmpty(reply.Logs);
        var outcome = Assert.IsType<IngestOutcome>(reply.Outcome);
        Assert.Equal([10L, 11L, 12L], outcome.Events.Select(e => e.SequenceNumber));
        Assert.Equal(EventDisposition.Stored, outcome.Events[0].Disposition);
        Assert.Equal(EventDisposition.Stored, outcome.Events[1].Disposition);
        Assert.Equal("invalid-json", outcome.Events[2].ReasonCode);

        var evidence = await StorageEvidence.ReadAsync(azurite.CreateClient(), partition);
        evidence.AssertEachSequenceAccountedOnce([10, 11, 12]);
        Assert.Equal(outcome.Events[0].Levels, evidence.LevelsBySequence[10].Order());
        Assert.Contains("sensitive", outcome.Events[0].Levels);
        Assert.Single(evidence.Commits);
    }

    [Fact]
    public async Task The_reference_envelope_with_json_text_and_invalid_base64_elements_is_accounted_for()
    {
        var partition = Uploads.NewPartition();
        var telemetry = Convert.ToBase64String(Uploads.Sample("telemetry"));
        var asText = System.Text.Json.JsonSerializer.Serialize(Encoding.UTF8.GetString(Uploads.Sample("trip")));
        var events = $"[\"{telemetry}\",{asText},\"%%not-base64%%\"]";
        var json = $$$$"""
            {"Data":{"events":{{{{System.Text.Json.JsonSerializer.Serialize(events)}}}}},
             "Metadata":{"PartitionContext":{"FullyQualifiedNamespace":"ns.servicebus.chinacloudapi.cn","EventHubName":"vehicle-uploads",
               "ConsumerGroup":"residency","PartitionId":"{{{{partition}}}}","IsCheckpointingAfterInvocation":true},
              "SequenceNumberArray":"[1200,1201,1202]","OffsetArray":"[\"4294967296\",\"4294967400\",\"4294967500\"]",
              "EnqueuedTimeUtcArray":"[\"2026-11-22T08:00:00Z\",\"2026-11-22T08:00:01Z\",\"2026-11-22T08:00:02Z\"]",
              "PartitionKeyArray":"[\"vk-1\",\"vk-1\",\"vk-1\"]","PropertiesArray":"[{},{},{}]","SystemPropertiesArray":"[{},{},{}]",
              "sys":{"MethodName":"VehicleIngest","UtcNow":"2026-11-22T08:00:03Z","RandGuid":"6f1c0c1e-8e55-4cbb-9e0b-4f8e3a7c2d10"}}}
            """;

        var reply = await _handler.PostAsync(Encoding.UTF8.GetBytes(json));

        Assert.Equal(200, reply.StatusCode);
        var outcome = reply.Outcome!;
        Assert.Equal(EventDisposition.Stored, outcome.Events[0].Disposition);
        Assert.Equal(EventDisposition.Stored, outcome.Events[1].Disposition);
        Assert.Equal(HostInvocationReader.InvalidBase64Reason, outcome.Events[2].ReasonCode);
        (await StorageEvidence.ReadAsync(azurite.CreateClient(), partition)).AssertEachSequenceAccountedOnce([1200, 1201, 1202]);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"Data":{"events":"[]"}}""")]
    [InlineData("""{"Data":{"events":"[\"e30=\"]"},"Metadata":{"PartitionContext":{"PartitionId":"0"},"SequenceNumberArray":"[1,2]"}}""")]
    public async Task An_unusable_envelope_is_quarantined_whole_and_answered_200(string json)
    {
        var request = Encoding.UTF8.GetBytes(json);
        var reply = await _handler.PostAsync(request);
        Assert.Equal(200, reply.StatusCode);
        Assert.Equal("application/json", reply.ContentType);
        Assert.Null(reply.Outcome);
        Assert.Contains("quarantined", Assert.Single(reply.Logs), StringComparison.Ordinal);

        // The exact request bytes are kept under a name derived from them, so nothing the host sent is lost.
        var name = Residency.Storage.BlobLayout.InvocationQuarantineName(UnreadableInvocation.PartitionId, request, IngestReasons.InvalidEnvelope);
        var blob = azurite.CreateClient().GetBlobContainerClient(Residency.Storage.ResidencyContainers.Quarantine).GetBlobClient(name);
        var stored = (await blob.DownloadContentAsync()).Value;
        using var entry = System.Text.Json.JsonDocument.Parse(stored.Content.ToMemory());
        Assert.Equal(IngestReasons.InvalidEnvelope, entry.RootElement.GetProperty("reason").GetString());
        Assert.Equal(request, entry.RootElement.GetProperty("rawBase64").GetBytesFromBase64());

        // A redelivery of the same request finds its entry and changes nothing.
        var again = await _handler.PostAsync(request);
        Assert.Equal(200, again.StatusCode);
        var after = (await blob.GetPropertiesAsync()).Value;
        Assert.Equal(stored.Details.ETag, after.ETag);
    }
}
