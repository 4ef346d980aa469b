using System.Text;
using System.Text.Json;
using Residency.Storage.Batches;
using Residency.Storage.Clients;
using Residency.Storage.Sketches;
using Residency.Testing;
using Xunit;

namespace Residency.Storage.Tests;

/// <summary>The batch layout of docs/storage.md against a real Azurite: names, tags, metadata, lines, records, cost.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class BatchLayoutTests(AzuriteFixture azurite)
{
    private static readonly string[] Vehicles = [TestBatches.NewVehicleKey(), TestBatches.NewVehicleKey(), TestBatches.NewVehicleKey()];

    [Fact]
    public async Task A_batch_is_one_gzip_ndjson_blob_per_level_with_the_contract_tags_and_metadata()
    {
        var (partition, result, _) = await CommitAsync();
        var client = azurite.CreateClient();

        var name = Assert.Single(await StoreAssertions.NamesAsync(client, ResidencyContainers.General, $"2026/11/22/{partition}/"));
        Assert.True(BlobLayout.TryParseLevelBlobName(name, out var parsed));
        Assert.Equal((0L, 20L, partition), (parsed.First, parsed.Last, parsed.PartitionId));
        var blob = client.GetBlobContainerClient(ResidencyContainers.General).GetBlobClient(name);
        var properties = (await blob.GetPropertiesAsync()).Value;
        var tags = (await blob.GetTagsAsync()).Value.Tags;
        var content = (await blob.DownloadContentAsync()).Value.Content.ToMemory();

        Assert.Equal("application/x-ndjson", properties.ContentType);
        Assert.Equal("gzip", properties.ContentEncoding);
        Assert.Equal(new Dictionary<string, string>
        {
            ["level"] = "general", ["partition"] = partition, ["first"] = "00000000000000000000", ["last"] = "00000000000000000020",
            ["policy"] = TestBatches.Policy, ["region"] = "chinanorth3", ["date"] = "2026-11-22",
        }, tags);
        Assert.Equal(TestBatches.Sha256(content.Span), properties.Metadata[LevelBlobMetadata.Sha256]);
        Assert.Equal("18", properties.Metadata[LevelBlobMetadata.Lines]);
        Assert.True(BloomFilter.TryRead(properties.Metadata[LevelBlobMetadata.Bloom], properties.Metadata[LevelBlobMetadata.BloomBits],
            properties.Metadata[LevelBlobMetadata.BloomHashes], out var bloom));
        Assert.All(Vehicles, v => Assert.True(bloom.MayContain(v)));
        Assert.Equal(20, result.CommittedThrough);
        Assert.Equal(21, result.CommittedNow.Count);
    }

    [Fact]
    public async Task Each_line_is_the_fragment_with_partition_and_sequence_number_first_in_sequence_order()
    {
        var (partition, _, events) = await CommitAsync();
        var client = azurite.CreateClient();
        var name = Assert.Single(await StoreAssertions.NamesAsync(client, ResidencyContainers.Sensitive, $"2026/11/22/{partition}/"));

        var content = (await client.GetBlobContainerClient(ResidencyContainers.Sensitive).GetBlobClient(name).DownloadContentAsync()).Value.Content;
        var lines = LevelBlobReader.ReadLines(content.ToMemory());

        var expected = events.Where(e => e.Fragments.Any(f => f.Level == "sensitive")).ToList();
        Assert.Equal(expected.Select(e => e.SequenceNumber), lines.Select(l => l.SequenceNumber));
        var first = Encoding.UTF8.GetString(lines[0].Json.Span);
        var fragment = Encoding.UTF8.GetString(expected[0].Fragments.Single(f => f.Level == "sensitive").Json.Span);
        Assert.Equal($"{{\"partition\":\"{partition}\",\"sequenceNumber\":0,{fragment[1..]}", first);
    }

    [Fact]
    public async Task Bad_events_are_one_quarantine_entry_each_with_their_raw_bytes()
    {
        var (partition, _, _) = await CommitAsync();
        var client = azurite.CreateClient();

        var names = await StoreAssertions.NamesAsync(client, ResidencyContainers.Quarantine, BlobLayout.DayPartitionPrefix(new DateOnly(2026, 11, 22), partition));

        Assert.Equal([3L, 10L, 17L], names.Select(n => long.Parse(n.Split('/')[4], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(names, n => Assert.Matches(@"^2026/11/22/[^/]+/\d{20}/invalid-json\.[0-9a-f]{16}\.json$", n));
        var entry = (await client.GetBlobContainerClient(ResidencyContainers.Quarantine).GetBlobClient(names[0]).DownloadContentAsync()).Value.Content;
        using var document = JsonDocument.Parse(entry.ToMemory());
        Assert.Equal("invalid-json", document.RootElement.GetProperty("reason").GetString());
        Assert.Equal("not json 3", Encoding.UTF8.GetString(document.RootElement.GetProperty("rawBase64").GetBytesFromBase64()));
        Assert.Equal(3, document.RootElement.GetProperty("source").GetProperty("sequenceNumber").GetInt64());
    }

    [Fact]
    public async Task The_commit_record_names_every_blob_with_its_hash_and_counts_distinct_vehicles()
    {
        var (partition, result, _) = await CommitAsync();
        var client = azurite.CreateClient();

        var content = (await client.GetBlobContainerClient(ResidencyContainers.Audit).GetBlobClient(result.CommitName).DownloadContentAsync()).Value.Content;
        using var document = JsonDocument.Parse(content.ToMemory());
        var record = CommitRecord.Read(document.RootElement);

        Assert.Equal($"commits/2026/11/22/{partition}/00000000000000000000-00000000000000000020.json", result.CommitName);
        Assert.Equal(["general", "personal", "sensitive"], record.Blobs.Select(b => b.Level));
        Assert.Equal([18, 18, 6], record.Blobs.Select(b => b.Lines));
        Assert.Equal(3, record.Quarantined.Count);
        Assert.Equal(18, record.StoredCount);
        Assert.InRange(record.VehiclesByLevel["general"].Estimate(), 2.9, 3.1);
        foreach (var blob in record.Blobs)
        {
            var stored = (await client.GetBlobContainerClient(blob.Container).GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content;
            Assert.Equal(blob.Sha256, TestBatches.Sha256(stored.ToMemory().Span));
        }
    }

    [Fact]
    public async Task A_batch_costs_its_level_blobs_plus_three_requests_plus_new_markers_and_quarantine_entries()
    {
        var partition = TestBatches.NewPartition();
        var counter = new StorageRequestCounter();
        var store = await azurite.CreateStoreAsync(8, counter);
        await store.GetCommittedThroughAsync(partition);
        var start = counter.Total;

        await store.CommitBatchAsync(TestBatches.Batch(partition, TestBatches.Events(0, 20, Vehicles)));
        var firstBatch = counter.Total - start;
        await store.CommitBatchAsync(TestBatches.Batch(partition, TestBatches.Events(21, 41, Vehicles)));
        var secondBatch = counter.Total - start - firstBatch;

        // 3 level blobs + announce + advance head + commit record, 3 quarantine entries; 3 new markers the first time only.
        Assert.Equal(3 + 3 + 3 + 3, firstBatch);
        Assert.Equal(3 + 3 + 3, secondBatch);
    }

    [Fact]
    public async Task Index_markers_name_the_day_and_partition_of_each_vehicle_and_the_head_is_up_to_date()
    {
        var (partition, _, _) = await CommitAsync();
        var client = azurite.CreateClient();

        foreach (var vehicle in Vehicles)
        {
            Assert.Contains($"{vehicle}/2026-11-22/{partition}", await StoreAssertions.NamesAsync(client, ResidencyContainers.Index, vehicle + "/"));
        }

        var head = (await client.GetBlobContainerClient(ResidencyContainers.Index).GetBlobClient($"heads/{partition}.json").DownloadContentAsync()).Value;
        var parsed = PartitionHead.Read(head.Content.ToMemory().Span, head.Details.ETag);
        Assert.Equal(20, parsed.CommittedThrough);
        Assert.Null(parsed.Pending);
        Assert.Equal(0, parsed.LastCommit!.First);
    }

    [Fact]
    public async Task No_blob_name_or_tag_holds_a_vin()
    {
        var (partition, _, _) = await CommitAsync();
        var client = azurite.CreateClient();

        foreach (var container in ResidencyContainers.All)
        {
            await foreach (var item in client.GetBlobContainerClient(container).GetBlobsAsync(
                               new Azure.Storage.Blobs.Models.GetBlobsOptions { Traits = Azure.Storage.Blobs.Models.BlobTraits.Tags | Azure.Storage.Blobs.Models.BlobTraits.Metadata }))
            {
                Assert.DoesNotContain("LSJA24U62JG269225", item.Name, StringComparison.Ordinal);
                Assert.All(item.Tags ?? new Dictionary<string, string>(), t => Assert.DoesNotContain("LSJA24U62JG269225", t.Value, StringComparison.Ordinal));
                Assert.All(item.Metadata ?? new Dictionary<string, string>(), m => Assert.DoesNotContain("LSJA24U62JG269225", m.Value, StringComparison.Ordinal));
            }
        }

        await StoreAssertions.VerifyCleanAsync(client, partition, 21);
    }

    private async Task<(string Partition, BatchCommitResult Result, List<PreparedEvent> Events)> CommitAsync()
    {
        var partition = TestBatches.NewPartition();
        var events = TestBatches.Events(0, 20, Vehicles);
        var store = await azurite.CreateStoreAsync();
        var result = await store.CommitBatchAsync(TestBatches.Batch(partition, events.AsEnumerable().Reverse()));
        return (partition, result, events);
    }
}
