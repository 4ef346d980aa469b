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
}
