using Residency.Classification;
using Residency.Ingest;
using Residency.Storage;
using Residency.Testing;
using Xunit;

namespace Residency.Cli.Tests;

/// <summary>`residency audit verify` against a real Azurite: clean after ingest, exit 1 with the finding after tampering.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class AuditCommandTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Verify_is_clean_after_ingest_and_names_a_tampered_blob_with_exit_1()
    {
        var partition = "a" + Guid.NewGuid().ToString("N")[..12];
        var sample = await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Root, "samples", "uploads", "trip.json"));
        var pipeline = new IngestPipeline(ClassificationPolicy.Default, PseudonymizationKey.Development, await azurite.CreateStoreAsync());
        await pipeline.ProcessBatchAsync(new IngestBatch(partition, [new IngestEvent(sample, 0), new IngestEvent("{"u8.ToArray(), 1)]));

        var clean = await CliRunner.RunAsync("audit", "verify", "--partition", partition, "--connection-string", azurite.ConnectionString, "--development");
        Assert.True(clean.ExitCode == 0, clean.Output + clean.Error);
        Assert.Contains("1 commit(s) covering 2 sequence number(s): 1 stored, 1 quarantined", clean.Output, StringComparison.Ordinal);

        var client = azurite.CreateClient();
        var general = client.GetBlobContainerClient(ResidencyContainers.General);
        string? tampered = null;
        await foreach (var item in general.GetBlobsAsync())
        {
            if (BlobLayout.TryParseLevelBlobName(item.Name, out var name) && name.PartitionId == partition)
            {
                tampered = item.Name;
                await general.GetBlobClient(item.Name).UploadAsync(BinaryData.FromString("tampered"), overwrite: true);
            }
        }

        var dirty = await CliRunner.RunAsync("audit", "verify", "--partition", partition, "--connection-string", azurite.ConnectionString, "--development");
        Assert.Equal(1, dirty.ExitCode);
        Assert.Contains("hash mismatches: 1", dirty.Output, StringComparison.Ordinal);
        Assert.Contains(tampered!, dirty.Output, StringComparison.Ordinal);
        Assert.Contains("1 problem(s) found", dirty.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_refuses_a_public_cloud_endpoint_and_a_bad_partition()
    {
        var key = Convert.ToBase64String(new byte[32]);
        var refused = await CliRunner.RunAsync("audit", "verify", "--connection-string", $"AccountName=vehicledata;AccountKey={key}");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("refused", refused.Error, StringComparison.Ordinal);

        var usage = await CliRunner.RunAsync("audit", "verify", "--partition", "../x", "--connection-string", azurite.ConnectionString, "--development");
        Assert.Equal(2, usage.ExitCode);
    }

    [Fact]
    public async Task Verify_by_day_writes_a_record_says_what_a_sample_checked_and_deletes_orphans_with_a_receipt()
    {
        var partition = "d" + Guid.NewGuid().ToString("N")[..12];
        var sample = await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Root, "samples", "uploads", "trip.json"));
        var pipeline = new IngestPipeline(ClassificationPolicy.Default, PseudonymizationKey.Development, await azurite.CreateStoreAsync());
        var day1 = new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
        await pipeline.ProcessBatchAsync(new IngestBatch(partition, [new IngestEvent(sample, 0, EnqueuedTimeUtc: day1), new IngestEvent(sample, 1, EnqueuedTimeUtc: day1)]));
        await pipeline.ProcessBatchAsync(new IngestBatch(partition, [new IngestEvent(sample, 2, EnqueuedTimeUtc: day1)]));
        await pipeline.ProcessBatchAsync(new IngestBatch(partition, [new IngestEvent(sample, 3, EnqueuedTimeUtc: day1.AddDays(1))]));
        string[] storage = ["--partition", partition, "--connection-string", azurite.ConnectionString, "--development"];

        var (exit, output, error) = await CliRunner.RunAsync(["audit", "verify", "--day", "2026-11-22", "--sample", "1", .. storage]);
        Assert.True(exit == 0, output + error);
        Assert.Contains("1 sealed, 0 still open", output, StringComparison.Ordinal);
        Assert.Contains("a sample of 1 of 2 commit(s)", output, StringComparison.Ordinal);
        Assert.Contains("no problem found; blobs of 50.0% of the commits were checked (a sample)", output, StringComparison.Ordinal);
        var recordName = output.Split('\n').Single(l => l.Contains("verification record:", StringComparison.Ordinal)).Split("vehicle-audit/")[1].Split(' ')[0];
        var audit = azurite.CreateClient().GetBlobContainerClient(ResidencyContainers.Audit);
        var record = Residency.Storage.Audit.VerificationRecord.Read((await audit.GetBlobClient(recordName).DownloadContentAsync()).Value.Content.ToMemory().Span);
        Assert.Equal(("sample", 2, 1, true), (record.Mode, record.Commits, record.CommitsHashChecked, record.Clean));
        Assert.Equal([partition], record.SealedPartitions);

        // A blob of an attempt nobody committed: listed, then deleted with a receipt, then the day is clean again.
        var orphan = BlobLayout.LevelBlobName(new DateOnly(2026, 11, 22), partition, 0, 1, "0123456789abcdef");
        await azurite.CreateClient().GetBlobContainerClient(ResidencyContainers.General).GetBlobClient(orphan).UploadAsync(BinaryData.FromString("left over"));
        var listed = await CliRunner.RunAsync(["audit", "verify", "--day", "2026-11-22", "--delete-orphans", .. storage]);
        Assert.Equal(1, listed.ExitCode);
        Assert.Contains("orphans: 1 blob(s) of superseded attempts; add --yes", listed.Output, StringComparison.Ordinal);
        var deleted = await CliRunner.RunAsync(["audit", "verify", "--day", "2026-11-22", "--delete-orphans", "--yes", .. storage]);
        Assert.Contains("orphans: 1 blob(s) deleted; receipt vehicle-audit/orphans/", deleted.Output, StringComparison.Ordinal);
        Assert.Equal(0, (await CliRunner.RunAsync(["audit", "verify", "--day", "2026-11-22", .. storage])).ExitCode);
    }

    [Fact]
    public async Task The_ledger_bench_runs_small_and_every_verification_is_clean()
    {
        var (exit, output, error) = await CliRunner.RunAsync("bench", "ledger", "--days", "1000", "2000", "--partitions", "2", "--vehicles", "20");

        Assert.True(exit == 0, output + error);
        Assert.Contains("= 2.00 requests per partition and day", output, StringComparison.Ordinal);
        Assert.Contains("| full (every day) | 5,000 |", output, StringComparison.Ordinal);
        Assert.Contains("bench ledger: every verification clean.", output, StringComparison.Ordinal);
    }
}
