using Residency.Functions.Tests.Infrastructure;
using Residency.Ingest;
using Residency.Storage;
using Residency.Storage.Batches;
using Residency.Testing;
using Xunit;

namespace Residency.Functions.Tests;

/// <summary>Whole batches through the running handler into Azurite: every event accounted for exactly once.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class IngestEndToEndTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private RunningHandler _handler = null!;

    public async Task InitializeAsync() => _handler = await RunningHandler.StartAsync(RunningHandler.DevelopmentSettings(azurite.ConnectionString));

    public async Task DisposeAsync() => await _handler.DisposeAsync();

    [Fact]
    public async Task Bad_events_are_quarantined_with_their_reason_while_the_rest_is_stored()
    {
        var partition = Uploads.NewPartition();
        var (batch, expectedReasons) = MixedBatch.Create(partition);

        var reply = await _handler.InvokeAsync(batch);

        Assert.Equal(200, reply.StatusCode);
        var outcome = reply.Outcome!;
        Assert.Equal(batch.Events.Select(e => e.SequenceNumber), outcome.Events.Select(e => e.SequenceNumber));
        foreach (var e in outcome.Events)
        {
            if (expectedReasons.TryGetValue(e.SequenceNumber, out var reason))
            {
                Assert.Equal((e.SequenceNumber, EventDisposition.Quarantined, reason), (e.SequenceNumber, e.Disposition, e.ReasonCode));
            }
            else
            {
                Assert.Equal((e.SequenceNumber, EventDisposition.Stored), (e.SequenceNumber, e.Disposition));
                Assert.NotEmpty(e.Levels);
            }
        }

        var evidence = await StorageEvidence.ReadAsync(azurite.CreateClient(), partition);
        evidence.AssertEachSequenceAccountedOnce(batch.Events.Select(e => e.SequenceNumber));
        foreach (var (sequence, reason) in expectedReasons)
        {
            Assert.Equal([reason], evidence.QuarantineReasonsBySequence[sequence]);
        }

        foreach (var e in outcome.Events.Where(e => e.Disposition == EventDisposition.Stored))
        {
            Assert.Equal(e.Levels.Order(), evidence.LevelsBySequence[e.SequenceNumber].Order());
        }

        Assert.Equal(["general", "important", "personal", "sensitive"], outcome.CountsByLevel.Keys);
        Assert.Equal([$"commits/2026/11/22/{partition}/{batch.Events[0].SequenceNumber:D20}-{batch.Events[^1].SequenceNumber:D20}.json"], evidence.Commits);
    }

    [Fact]
    public async Task Replaying_the_same_batch_changes_nothing()
    {
        var partition = Uploads.NewPartition();
        var (batch, _) = MixedBatch.Create(partition);

        var first = await _handler.InvokeAsync(batch);
        var before = await StorageEvidence.ReadAsync(azurite.CreateClient(), partition);
        var replay = await _handler.InvokeAsync(batch with { RetryCount = 1 });
        var after = await StorageEvidence.ReadAsync(azurite.CreateClient(), partition);

        Assert.Equal(200, first.StatusCode);
        Assert.Equal(200, replay.StatusCode);
        Assert.Equal(before.Fingerprint, after.Fingerprint);
        Assert.All(replay.Outcome!.Events, e => Assert.Equal(EventDisposition.AlreadyCommitted, e.Disposition));
        Assert.Equal(0, replay.Outcome.StorageRequests);
        after.AssertEachSequenceAccountedOnce(batch.Events.Select(e => e.SequenceNumber));
    }

    [Fact]
    public async Task The_same_upload_sent_twice_by_the_device_is_two_records_one_per_sequence_number()
    {
        var partition = Uploads.NewPartition();
        var upload = Uploads.Sample("charging");
        var first = await _handler.InvokeAsync(new IngestBatch(partition, [Uploads.Event(1, upload)]));
        var again = await _handler.InvokeAsync(new IngestBatch(partition, [Uploads.Event(2, upload)]));

        Assert.Equal(EventDisposition.Stored, Assert.Single(first.Outcome!.Events).Disposition);
        Assert.Equal(EventDisposition.Stored, Assert.Single(again.Outcome!.Events).Disposition);
        var evidence = await StorageEvidence.ReadAsync(azurite.CreateClient(), partition);
        Assert.Equal([1L, 2L], evidence.LevelsBySequence.Keys.Order());
        Assert.Equal(evidence.MessageIdBySequence[1], evidence.MessageIdBySequence[2]);
        Assert.Equal(2, evidence.Commits.Count);
    }

    [Fact]
    public async Task Different_content_under_one_message_id_is_never_merged_each_is_its_own_record()
    {
        var partition = Uploads.NewPartition();
        var original = Uploads.Sample("telemetry");
        var node = System.Text.Json.Nodes.JsonNode.Parse(original)!;
        node["signals"]!["speedKph"] = 1.5;
        var rewritten = System.Text.Encoding.UTF8.GetBytes(node.ToJsonString());

        var reply = await _handler.InvokeAsync(new IngestBatch(partition, [Uploads.Event(1, original), Uploads.Event(2, rewritten)]));

        Assert.All(reply.Outcome!.Events, e => Assert.Equal(EventDisposition.Stored, e.Disposition));
        var client = azurite.CreateClient();
        var general = new List<StoredLine>();
        await foreach (var item in client.GetBlobContainerClient(ResidencyContainers.General).GetBlobsAsync())
        {
            if (!BlobLayout.TryParseLevelBlobName(item.Name, out var name) || name.PartitionId != partition)
            {
                continue;
            }

            general.AddRange(LevelBlobReader.ReadLines((await client.GetBlobContainerClient(ResidencyContainers.General).GetBlobClient(item.Name).DownloadContentAsync()).Value.Content.ToMemory()));
        }

        Assert.Equal([1L, 2L], general.Select(l => l.SequenceNumber));
        Assert.Contains("\"speedKph\":1.5", System.Text.Encoding.UTF8.GetString(general[1].Json.Span), StringComparison.Ordinal);
        Assert.DoesNotContain("\"speedKph\":1.5", System.Text.Encoding.UTF8.GetString(general[0].Json.Span), StringComparison.Ordinal);
    }
}
