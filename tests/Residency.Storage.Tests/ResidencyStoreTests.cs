using System.Text;
using System.Text.Json;
using Residency.Testing;
using Xunit;

namespace Residency.Storage.Tests;

/// <summary>ResidencyStore against a real Azurite: layout, tags, metadata, idempotency, conflicts, quarantine, audit.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class ResidencyStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly BlobRestClient _client = azurite.CreateClient();
    private ResidencyStore _store = null!;

    public async Task InitializeAsync() => _store = await azurite.CreateStoreAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Store_writes_each_fragment_to_its_level_container_with_the_contract_name()
    {
        var upload = TestUploads.Create();

        var result = await _store.StoreUploadAsync(upload);

        Assert.Equal(UploadStoreStatus.Stored, result.Status);
        var name = $"2026/11/22/{upload.VehicleKey}/{upload.MessageId}.json";
        var general = await _client.GetBlobAsync(ResidencyContainers.General, name);
        var personal = await _client.GetBlobAsync(ResidencyContainers.Personal, name);
        Assert.Equal(upload.Fragments[0].Content.ToArray(), general.Value.Content.ToArray());
        Assert.Equal(upload.Fragments[1].Content.ToArray(), personal.Value.Content.ToArray());
        Assert.Equal("application/json", general.Value.Properties.ContentType);
        Assert.False(await ExistsAsync(ResidencyContainers.Sensitive, name));
        Assert.False(await ExistsAsync(ResidencyContainers.Important, name));
    }

    [Fact]
    public async Task Fragments_carry_the_contract_tags_and_metadata()
    {
        var upload = TestUploads.Create();
        await _store.StoreUploadAsync(upload);

        var blob = await _client.GetBlobAsync(ResidencyContainers.Personal, $"2026/11/22/{upload.VehicleKey}/{upload.MessageId}.json");

        var expectedTags = new Dictionary<string, string>
        {
            ["level"] = "personal",
            ["category"] = "personal-data",
            ["vehicle"] = upload.VehicleKey,
            ["policy"] = upload.PolicySha256,
            ["region"] = "chinanorth3",
            ["schema"] = "vehicle-upload/1",
            ["captured"] = "2026-11-22T08:15:30.123Z",
            ["message"] = upload.MessageId,
        };
        Assert.Equal(expectedTags, blob.Value.Tags);
        var metadata = blob.Value.Properties.Metadata;
        Assert.Equal(TestUploads.Sha256(upload.Fragments[1].Content.Span), metadata[StoreMetadata.ContentSha256]);
        Assert.Equal(upload.Source.PartitionId, metadata[StoreMetadata.SourcePartition]);
        Assert.Equal("42", metadata[StoreMetadata.SourceSequence]);
        Assert.Equal("12345", metadata[StoreMetadata.SourceOffset]);
    }

    [Fact]
    public async Task Capture_date_in_the_name_is_utc()
    {
        var upload = TestUploads.Create() with { CapturedAt = new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.FromHours(8)) };

        await _store.StoreUploadAsync(upload);

        Assert.True(await ExistsAsync(ResidencyContainers.General, $"2026/11/22/{upload.VehicleKey}/{upload.MessageId}.json"));
    }

    [Fact]
    public async Task Redelivered_upload_is_already_stored_and_changes_nothing()
    {
        var upload = TestUploads.Create();
        await _store.StoreUploadAsync(upload);
        var name = $"2026/11/22/{upload.VehicleKey}/{upload.MessageId}.json";
        var before = await _client.GetPropertiesAsync(ResidencyContainers.General, name);

        var again = await _store.StoreUploadAsync(upload with { Source = upload.Source with { SequenceNumber = 99 } });

        Assert.Equal(UploadStoreStatus.AlreadyStored, again.Status);
        var after = await _client.GetPropertiesAsync(ResidencyContainers.General, name);
        Assert.Equal(before.Value.ETag, after.Value.ETag);
        Assert.Equal("42", after.Value.Metadata[StoreMetadata.SourceSequence]);
        Assert.Empty(await QuarantinedForAsync(upload.VehicleKey));
    }

    [Fact]
    public async Task Partly_stored_upload_completes_as_stored()
    {
        var upload = TestUploads.Create();
        await _store.StoreUploadAsync(upload with { Fragments = [upload.Fragments[0]] });

        var result = await _store.StoreUploadAsync(upload);

        Assert.Equal(UploadStoreStatus.Stored, result.Status);
        Assert.True(await ExistsAsync(ResidencyContainers.Personal, $"2026/11/22/{upload.VehicleKey}/{upload.MessageId}.json"));
    }

    [Fact]
    public async Task Conflicting_rewrite_goes_to_quarantine_and_the_original_is_untouched()
    {
        var upload = TestUploads.Create(sequenceNumber: 500);
        await _store.StoreUploadAsync(upload);
        var name = $"2026/11/22/{upload.VehicleKey}/{upload.MessageId}.json";
        var original = await _client.GetBlobAsync(ResidencyContainers.Personal, name);
        var changed = upload with
        {
            Fragments = [upload.Fragments[0], new FragmentToStore("personal", "personal-data", "{\"vin\":\"OTHER\"}"u8.ToArray())],
            Source = upload.Source with { SequenceNumber = 501 },
        };

        var result = await _store.StoreUploadAsync(changed);
        var replay = await _store.StoreUploadAsync(changed);

        Assert.Equal(UploadStoreStatus.Conflict, result.Status);
        Assert.Equal(UploadStoreStatus.Conflict, replay.Status);
        var stillThere = await _client.GetBlobAsync(ResidencyContainers.Personal, name);
        Assert.Equal(original.Value.Content.ToArray(), stillThere.Value.Content.ToArray());
        Assert.Equal(original.Value.Properties.ETag, stillThere.Value.Properties.ETag);

        var quarantined = Assert.Single(await QuarantinedForAsync(upload.VehicleKey));
        Assert.Equal($"{upload.Source.PartitionId}/00000000000000000501/conflicting-rewrite-personal.json", quarantined.Name);
        var entry = await _client.GetBlobAsync(ResidencyContainers.Quarantine, quarantined.Name);
        using var json = JsonDocument.Parse(entry.Value.Content.ToMemory());
        Assert.Equal("conflicting-rewrite", json.RootElement.GetProperty("reason").GetString());
        Assert.Equal("{\"vin\":\"OTHER\"}", Encoding.UTF8.GetString(json.RootElement.GetProperty("rawBase64").GetBytesFromBase64()));
        Assert.Contains(TestUploads.Sha256(upload.Fragments[1].Content.Span), json.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("important", entry.Value.Tags["level"]);
        Assert.Equal("conflicting-rewrite", entry.Value.Tags["reason"]);
    }

    [Theory]
    [InlineData(true, UploadStoreStatus.AlreadyStored)]
    [InlineData(false, UploadStoreStatus.Conflict)]
    public async Task A_blob_written_without_hash_metadata_is_compared_by_its_content(bool sameContent, UploadStoreStatus expected)
    {
        var upload = TestUploads.Create(fragments: [("general", "{\"a\":1}")]);
        var name = $"2026/11/22/{upload.VehicleKey}/{upload.MessageId}.json";
        await _client.PutBlockBlobAsync(ResidencyContainers.General, name, BinaryData.FromString(sameContent ? "{\"a\":1}" : "{\"a\":2}"));

        var result = await _store.StoreUploadAsync(upload);

        Assert.Equal(expected, result.Status);
        Assert.Equal(sameContent ? "{\"a\":1}" : "{\"a\":2}", (await _client.GetBlobAsync(ResidencyContainers.General, name)).Value.Content.ToString());
        Assert.Equal(sameContent ? 0 : 1, (await QuarantinedForAsync(upload.VehicleKey)).Count);
    }

    [Fact]
    public async Task Quarantine_keeps_raw_bytes_reason_detail_and_source_position()
    {
        var raw = new byte[] { 0x1f, 0x8b, 0xff, 0x00, 0x7b };
        var enqueued = new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
        var source = new SourcePosition(NewPartition(), 1234, "987654", enqueued);

        await _store.QuarantineAsync(new QuarantineItem(raw, "invalid-json", "$: not a JSON document", source));

        var name = $"{source.PartitionId}/00000000000000001234/invalid-json.json";
        var blob = await _client.GetBlobAsync(ResidencyContainers.Quarantine, name);
        using var json = JsonDocument.Parse(blob.Value.Content.ToMemory());
        var root = json.RootElement;
        Assert.Equal("invalid-json", root.GetProperty("reason").GetString());
        Assert.Equal("$: not a JSON document", root.GetProperty("detail").GetString());
        Assert.Equal(raw, root.GetProperty("rawBase64").GetBytesFromBase64());
        Assert.Equal(raw.Length, root.GetProperty("rawLength").GetInt32());
        Assert.Equal(TestUploads.Sha256(raw), root.GetProperty("rawSha256").GetString());
        Assert.Equal(source.PartitionId, root.GetProperty("source").GetProperty("partitionId").GetString());
        Assert.Equal(1234, root.GetProperty("source").GetProperty("sequenceNumber").GetInt64());
        Assert.Equal("987654", root.GetProperty("source").GetProperty("offset").GetString());
        Assert.Equal("2026-11-22T08:00:00.000Z", root.GetProperty("source").GetProperty("enqueuedTimeUtc").GetString());
        Assert.Equal("important", blob.Value.Tags["level"]);
        Assert.Equal("quarantine", blob.Value.Tags["category"]);
        Assert.Equal("invalid-json", blob.Value.Tags["reason"]);
        Assert.Equal(source.PartitionId, blob.Value.Tags["partition"]);
        Assert.Equal("00000000000000001234", blob.Value.Tags["sequence"]);
        Assert.Equal(TestUploads.Sha256(raw), blob.Value.Properties.Metadata["rawsha256"]);
    }

    [Fact]
    public async Task Quarantine_is_idempotent_per_source_position_and_reason()
    {
        var source = new SourcePosition(NewPartition(), 77, null, null);
        var p = source.PartitionId;
        var item = new QuarantineItem("not json"u8.ToArray(), "invalid-json", "$: not JSON", source);

        await _store.QuarantineAsync(item);
        var first = await _client.GetPropertiesAsync(ResidencyContainers.Quarantine, $"{p}/00000000000000000077/invalid-json.json");
        await _store.QuarantineAsync(item);
        await _store.QuarantineAsync(item with { ReasonCode = "too-deep" });

        var entries = await ListAsync(ResidencyContainers.Quarantine, $"{p}/00000000000000000077/");
        Assert.Equal([$"{p}/00000000000000000077/invalid-json.json", $"{p}/00000000000000000077/too-deep.json"], entries);
        var after = await _client.GetPropertiesAsync(ResidencyContainers.Quarantine, $"{p}/00000000000000000077/invalid-json.json");
        Assert.Equal(first.Value.ETag, after.Value.ETag);
    }

    [Fact]
    public async Task Different_quarantine_content_at_the_same_position_is_kept_beside_the_first()
    {
        var source = new SourcePosition(NewPartition(), 5, null, null);
        await _store.QuarantineAsync(new QuarantineItem("one"u8.ToArray(), "invalid-json", "first", source));
        await _store.QuarantineAsync(new QuarantineItem("two"u8.ToArray(), "invalid-json", "second", source));

        var entries = await ListAsync(ResidencyContainers.Quarantine, source.PartitionId + "/00000000000000000005/");

        Assert.Equal(2, entries.Count);
        Assert.Contains($"{source.PartitionId}/00000000000000000005/invalid-json.json", entries);
        Assert.Single(entries, e => System.Text.RegularExpressions.Regex.IsMatch(e, "/00000000000000000005/invalid-json\\.[0-9a-f]{16}\\.json$"));
    }

    [Fact]
    public async Task Audit_record_is_deterministic_and_a_redelivered_batch_finds_it_written()
    {
        var partition = NewPartition();
        var record = new AuditRecord(
            partition, 100, 149,
            new Dictionary<string, int> { ["personal"] = 40, ["general"] = 50 },
            new Dictionary<string, int> { ["stored"] = 48, ["quarantined"] = 2 },
            new string('b', 64));

        await _store.WriteAuditAsync(record);
        var first = await _client.GetBlobAsync(ResidencyContainers.Audit, $"{partition}/00000000000000000100-00000000000000000149.json");
        await _store.WriteAuditAsync(record with
        {
            CountsByLevel = new Dictionary<string, int> { ["general"] = 50, ["personal"] = 40 },
        });

        Assert.Equal(
            "{\"partitionId\":\"" + partition + "\",\"firstSequenceNumber\":100,\"lastSequenceNumber\":149," +
            "\"countsByLevel\":{\"general\":50,\"personal\":40},\"countsByOutcome\":{\"quarantined\":2,\"stored\":48}," +
            "\"policySha256\":\"" + new string('b', 64) + "\",\"region\":\"chinanorth3\"}",
            first.Value.Content.ToString());
        Assert.Equal([$"{partition}/00000000000000000100-00000000000000000149.json"], await ListAsync(ResidencyContainers.Audit, partition + "/"));
        Assert.Equal("audit", first.Value.Tags["category"]);
        Assert.Equal("00000000000000000100", first.Value.Tags["first"]);
        Assert.Equal("00000000000000000149", first.Value.Tags["last"]);
    }

    [Fact]
    public async Task Audit_record_with_different_counts_for_the_same_range_is_kept_beside_the_first()
    {
        var partition = NewPartition();
        var record = new AuditRecord(partition, 1, 2, new Dictionary<string, int>(), new Dictionary<string, int> { ["stored"] = 2 }, "c");

        await _store.WriteAuditAsync(record);
        await _store.WriteAuditAsync(record with { CountsByOutcome = new Dictionary<string, int> { ["already-stored"] = 2 } });

        var entries = await ListAsync(ResidencyContainers.Audit, partition + "/");
        Assert.Equal(2, entries.Count);
    }

    [Fact]
    public async Task Everything_stored_for_one_vehicle_is_found_by_its_tag()
    {
        var vehicle = TestUploads.NewVehicleKey();
        var first = TestUploads.Create(vehicle);
        var second = TestUploads.Create(vehicle, fragments: [("sensitive", "{\"location\":{}}"), ("important", "{\"camera\":[]}")]);
        await _store.StoreUploadAsync(first);
        await _store.StoreUploadAsync(second);
        await _store.StoreUploadAsync(TestUploads.Create());

        var found = new List<TaggedBlobItem>();
        await foreach (var item in _client.GetBlobsByTagsAsync(BlobTags.WhereEquals(("vehicle", vehicle))))
        {
            found.Add(item);
        }

        Assert.Equal(
            new[]
            {
                $"{ResidencyContainers.General}/2026/11/22/{vehicle}/{first.MessageId}.json",
                $"{ResidencyContainers.Important}/2026/11/22/{vehicle}/{second.MessageId}.json",
                $"{ResidencyContainers.Personal}/2026/11/22/{vehicle}/{first.MessageId}.json",
                $"{ResidencyContainers.Sensitive}/2026/11/22/{vehicle}/{second.MessageId}.json",
            },
            found.Select(item => $"{item.ContainerName}/{item.Name}").Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("a/b")]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789")]
    public async Task Message_ids_that_would_shape_a_path_are_refused(string messageId)
    {
        var upload = TestUploads.Create(messageId: messageId);

        var e = await Assert.ThrowsAsync<ArgumentException>(() => _store.StoreUploadAsync(upload));

        Assert.Equal("messageId", e.ParamName);
    }

    [Theory]
    [InlineData("ABCDEF")]
    [InlineData("not-hex")]
    [InlineData("")]
    [InlineData("ab/cd")]
    public async Task Vehicle_keys_that_are_not_lowercase_hex_are_refused(string vehicleKey)
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => _store.StoreUploadAsync(TestUploads.Create(vehicleKey)));

        Assert.Equal("vehicleKey", e.ParamName);
        if (vehicleKey.Length > 0)
        {
            Assert.DoesNotContain(vehicleKey, e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Unknown_levels_duplicate_levels_and_bad_tag_values_are_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _store.StoreUploadAsync(TestUploads.Create(fragments: [("secret", "{}")])));
        await Assert.ThrowsAsync<ArgumentException>(() => _store.StoreUploadAsync(TestUploads.Create(fragments: [("general", "{}"), ("general", "{}")])));
        await Assert.ThrowsAsync<ArgumentException>(() => _store.StoreUploadAsync(TestUploads.Create() with { Schema = "vehicle-upload/1'" }));
        await Assert.ThrowsAsync<ArgumentException>(() => _store.StoreUploadAsync(TestUploads.Create() with { Fragments = [] }));
        await Assert.ThrowsAsync<ArgumentException>(() => _store.QuarantineAsync(
            new QuarantineItem("x"u8.ToArray(), "Not Kebab", "d", new SourcePosition("1", 1, null, null))));
        await Assert.ThrowsAsync<ArgumentException>(() => _store.QuarantineAsync(
            new QuarantineItem("x"u8.ToArray(), "invalid-json", "d", new SourcePosition("../1", 1, null, null))));
    }

    private static string NewPartition() => "p" + Guid.NewGuid().ToString("N")[..12];

    private async Task<bool> ExistsAsync(string container, string name)
    {
        var page = await _client.ListBlobsAsync(container, prefix: name);
        return page.Value.Items.Any(item => item.Name == name);
    }

    private async Task<List<string>> ListAsync(string container, string prefix)
    {
        var names = new List<string>();
        await foreach (var item in _client.GetBlobsAsync(container, prefix))
        {
            names.Add(item.Name);
        }

        return names;
    }

    private async Task<List<TaggedBlobItem>> QuarantinedForAsync(string vehicleKey)
    {
        var found = new List<TaggedBlobItem>();
        await foreach (var item in _client.GetBlobsByTagsAsync(BlobTags.WhereEquals(("vehicle", vehicleKey), ("category", "quarantine"))))
        {
            found.Add(item);
        }

        return found;
    }
}
