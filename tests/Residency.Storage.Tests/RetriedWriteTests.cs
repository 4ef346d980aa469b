using Azure.Storage.Blobs;
using Residency.Storage.Clients;
using Residency.Testing;
using Xunit;

namespace Residency.Storage.Tests;

/// <summary>
/// A create-only level blob write whose first try landed but whose answer was lost comes back as 409 on the retry.
/// Ingest may not read stored blobs, so it recognises its own write by the blob's index tags; a blob of that name
/// written by anyone else stops the batch. Against Azurite, with the response dropped in the real pipeline.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class RetriedWriteTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_retried_level_blob_write_whose_first_try_landed_is_recognised_by_its_tags()
    {
        var lost = new LoseFirstLevelWriteAnswer(before: null);
        var store = await azurite.CreateStoreAsync(8, lost);
        var partition = TestBatches.NewPartition();

        var result = await store.CommitBatchAsync(TestBatches.Batch(partition, TestBatches.Events(0, 9)));

        Assert.Equal(9, result.CommittedThrough);
        Assert.Equal(1, lost.Dropped);
        await StoreAssertions.VerifyCleanAsync(azurite.CreateClient(), partition, 10);
    }

    [Fact]
    public async Task A_blob_of_the_same_name_written_by_someone_else_stops_the_batch()
    {
        var client = azurite.CreateClient();
        var lost = new LoseFirstLevelWriteAnswer(before: (container, name) => client.GetBlobContainerClient(container).GetBlobClient(name)
            .Upload(BinaryData.FromString("not this batch"), new Azure.Storage.Blobs.Models.BlobUploadOptions
            {
                Tags = new Dictionary<string, string> { ["level"] = "general", ["partition"] = "someone-else" },
            }));
        var store = await azurite.CreateStoreAsync(8, lost);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(
            () => store.CommitBatchAsync(TestBatches.Batch(TestBatches.NewPartition(), TestBatches.Events(0, 9))));

        Assert.Contains("written by another batch", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Against_an_azure_endpoint_the_store_creates_no_container()
    {
        var settings = new StorageClientSettings { Region = "chinanorth3", MaxRetries = 0 };
        var client = new BlobServiceClient(new Uri("https://residencynotreal.blob.core.chinacloudapi.cn"));
        var store = new ResidencyStore(client, settings);

        // No request at all: a host name that does not resolve would otherwise fail this call.
        Assert.True(store.EnsureContainersAsync().IsCompletedSuccessfully);
    }
}
