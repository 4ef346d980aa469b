using Azure.Storage.Blobs;
using Residency.Storage.Audit;
using Residency.Storage.Batches;
using Residency.Testing;
using Xunit;

namespace Residency.Storage.Tests;

/// <summary>audit verify finds what is wrong: each test breaks one thing in a committed partition and expects that finding.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class AuditVerifierTests(AzuriteFixture azurite)
{
    private readonly BlobServiceClient _client = azurite.CreateClient();

    [Fact]
    public async Task A_rewritten_level_blob_is_a_hash_mismatch()
    {
        var (partition, record) = await CommitAsync();
        var blob = record.Blobs[0];

        await _client.GetBlobContainerClient(blob.Container).GetBlobClient(blob.Name).UploadAsync(BinaryData.FromString("tampered"), overwrite: true);

        await ExpectAsync(partition, AuditProblemKind.HashMismatch, blob.Name);
    }

    [Fact]
    public async Task A_deleted_quarantine_entry_is_a_missing_blob()
    {
        var (partition, record) = await CommitAsync();
        var entry = record.Quarantined[0];

        await _client.GetBlobContainerClient(ResidencyContainers.Quarantine).GetBlobClient(entry.Name).DeleteAsync();

        await ExpectAsync(partition, AuditProblemKind.MissingBlob, entry.Name);
    }

    [Fact]
    public async Task A_blob_no_commit_names_is_an_orphan()
    {
        var (partition, _) = await CommitAsync();
        var name = BlobLayout.LevelBlobName(new DateOnly(2026, 11, 22), partition, 0, 20, "0123456789abcdef");

        await _client.GetBlobContainerClient(ResidencyContainers.Personal).GetBlobClient(name).UploadAsync(BinaryData.FromString("x"));

        await ExpectAsync(partition, AuditProblemKind.Orphan, name);
    }

    [Fact]
    public async Task Sequence_numbers_between_two_commits_are_a_gap()
    {
        var (partition, _) = await CommitAsync();

        await (await azurite.CreateStoreAsync()).CommitBatchAsync(TestBatches.Batch(partition, TestBatches.Events(30, 35)));

        await ExpectAsync(partition, AuditProblemKind.Gap, "21-29");
    }

    [Fact]
    public async Task A_missing_commit_record_is_a_head_mismatch()
    {
        var (partition, record) = await CommitAsync();

        await _client.GetBlobContainerClient(ResidencyContainers.Audit).GetBlobClient(record.Name).DeleteAsync();

        await ExpectAsync(partition, AuditProblemKind.HeadMismatch, record.Name);
    }

    [Fact]
    public async Task A_line_outside_its_commit_is_malformed()
    {
        var (partition, record) = await CommitAsync();
        var blob = record.Blobs[0];
        var stranger = LevelBlobBuilder.Build("general", partition,
            [new LevelLine(99, TestBatches.NewVehicleKey(), "{\"messageId\":\"m\"}"u8.ToArray())]);

        await _client.GetBlobContainerClient(blob.Container).GetBlobClient(blob.Name).UploadAsync(BinaryData.FromBytes(stranger.Gzip), overwrite: true);

        // The hash no longer matches either; the mismatch is what verify reports first for that blob.
        await ExpectAsync(partition, AuditProblemKind.HashMismatch, blob.Name);
    }

    private async Task<(string Partition, CommitRecord Record)> CommitAsync()
    {
        var partition = TestBatches.NewPartition();
        var store = await azurite.CreateStoreAsync();
        var result = await store.CommitBatchAsync(TestBatches.Batch(partition, TestBatches.Events(0, 20)));
        var content = (await _client.GetBlobContainerClient(ResidencyContainers.Audit).GetBlobClient(result.CommitName).DownloadContentAsync()).Value.Content;
        using var document = System.Text.Json.JsonDocument.Parse(content.ToMemory());
        await StoreAssertions.VerifyCleanAsync(_client, partition, 21);
        return (partition, CommitRecord.Read(document.RootElement));
    }

    private async Task ExpectAsync(string partition, AuditProblemKind kind, string detailFragment)
    {
        var report = await new AuditVerifier(_client).VerifyAsync([partition]);

        Assert.False(report.IsClean);
        Assert.Contains(report.Problems, p => p.Kind == kind && p.PartitionId == partition && p.Detail.Contains(detailFragment, StringComparison.Ordinal));
    }
}
