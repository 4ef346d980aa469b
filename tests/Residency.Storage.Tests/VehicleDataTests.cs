using Azure.Storage.Blobs;
using Residency.Storage.Batches;
using Residency.Storage.Subjects;
using Residency.Testing;
using Xunit;

namespace Residency.Storage.Tests;

/// <summary>Subject requests on the batch layout against Azurite: find through index and Bloom filters, delete, and replay after a delete.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class VehicleDataTests(AzuriteFixture azurite)
{
    private readonly BlobServiceClient _client = azurite.CreateClient();

    [Fact]
    public async Task Find_reads_only_blobs_whose_bloom_filter_may_hold_the_vehicle_and_returns_exactly_its_lines()
    {
        var (partition, target, _) = await CommitTwoDaysAsync();

        var lines = new List<StoredLine>();
        var scan = await new VehicleDataLocator(_client).ScanAsync(target, (match, _) =>
        {
            lines.AddRange(match.VehicleLines);
            return Task.CompletedTask;
        });

        Assert.Equal(2, scan.Locations.Count);
        Assert.All(scan.Locations, l => Assert.Equal(partition, l.PartitionId));
        Assert.All(lines, l => Assert.Equal(target, l.VehicleKey));
        // Events 0..39 on two days, every fourth is the target's (0, 4, 8, ...); seq % 7 == 3 is quarantined.
        var expected = Enumerable.Range(0, 40).Where(s => s % 4 == 0 && s % 7 != 3).ToList();
        Assert.Equal(expected, lines.Where(l => l.Json.Span.IndexOf("\"vin\""u8) >= 0).Select(l => (int)l.SequenceNumber).Order());
        Assert.Equal(lines.Count, scan.LinesMatched);
    }

    [Fact]
    public async Task Find_for_an_unknown_vehicle_reads_nothing()
    {
        await CommitTwoDaysAsync();

        var scan = await new VehicleDataLocator(_client).ScanAsync(TestBatches.NewVehicleKey(), (_, _) => throw new InvalidOperationException("no match expected"));

        Assert.Empty(scan.Locations);
        Assert.Equal(0, scan.BlobsListed);
    }

    [Fact]
    public async Task Delete_removes_the_vehicles_lines_and_markers_keeps_everyone_elses_and_verify_stays_clean()
    {
        var (partition, target, others) = await CommitTwoDaysAsync();
        var before = await CountLinesAsync(others[0]);

        var receipt = await new VehicleDataEraser(_client).DeleteAsync(target);

        var after = await new VehicleDataLocator(_client).ScanAsync(target, (_, _) => Task.CompletedTask);
        Assert.Equal(0, after.LinesMatched);
        Assert.Empty(after.Locations);
        Assert.Equal(before, await CountLinesAsync(others[0]));
        Assert.Equal(2, receipt.MarkersDeleted);
        Assert.NotEmpty(receipt.Blobs);
        Assert.All(receipt.Blobs, b => Assert.NotEqual(b.PreviousSha256, b.Sha256));
        var stored = await _client.GetBlobContainerClient(ResidencyContainers.Audit).GetBlobClient(receipt.Name).DownloadContentAsync();
        Assert.Equal(receipt.RequestId, DeletionReceipt.Read(stored.Value.Content.ToMemory().Span).RequestId);
        var report = await StoreAssertions.VerifyCleanAsync(_client, partition, 40);
        Assert.True(report.Erased > 0);
    }

    [Fact]
    public async Task A_batch_replayed_after_a_deletion_brings_nothing_back()
    {
        var (partition, target, others) = await CommitTwoDaysAsync();
        await new VehicleDataEraser(_client).DeleteAsync(target);

        // A restarted host replays the whole partition from the start.
        var replayed = await (await azurite.CreateStoreAsync()).CommitBatchAsync(
            TestBatches.Batch(partition, TestBatches.Events(0, 39, [target, others[0], others[1], others[2]])));

        Assert.Empty(replayed.CommittedNow);
        Assert.Equal(0, (await new VehicleDataLocator(_client).ScanAsync(target, (_, _) => Task.CompletedTask)).LinesMatched);
        await StoreAssertions.VerifyCleanAsync(_client, partition, 40);
    }

    // Two batches on two days in one partition: vehicles round-robin, the target every fourth event.
    private async Task<(string Partition, string Target, string[] Others)> CommitTwoDaysAsync()
    {
        var partition = TestBatches.NewPartition();
        var target = TestBatches.NewVehicleKey();
        string[] others = [TestBatches.NewVehicleKey(), TestBatches.NewVehicleKey(), TestBatches.NewVehicleKey()];
        var store = await azurite.CreateStoreAsync();
        var vehicles = new[] { target, others[0], others[1], others[2] };
        await store.CommitBatchAsync(TestBatches.Batch(partition, TestBatches.Events(0, 19, vehicles)));
        var nextDay = TestBatches.Events(20, 39, vehicles).Select(e => e.Quarantine is null
            ? PreparedEvent.Stored(e.SequenceNumber, e.EnqueuedTimeUtc!.Value.AddDays(1), null, e.VehicleKey!, e.Fragments)
            : PreparedEvent.Quarantined(e.SequenceNumber, e.EnqueuedTimeUtc!.Value.AddDays(1), null, e.Quarantine));
        await store.CommitBatchAsync(TestBatches.Batch(partition, nextDay));
        return (partition, target, others);
    }

    private async Task<long> CountLinesAsync(string vehicleKey) =>
        (await new VehicleDataLocator(_client).ScanAsync(vehicleKey, (_, _) => Task.CompletedTask)).LinesMatched;
}
