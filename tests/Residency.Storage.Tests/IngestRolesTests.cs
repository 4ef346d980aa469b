using System.Text;
using Residency.Storage.Clients;
using Residency.Testing;
using Xunit;

namespace Residency.Storage.Tests;

/// <summary>
/// The ingest store's work, under the data actions its Azure roles grant per container (<see cref="IngestRolePolicy"/>):
/// batches over two days with quarantine entries, a retried write, a sealed day, an unreadable invocation, and two
/// instances racing. Nothing may need an action the roles lack: no read of level or quarantine blobs, no container
/// creation, no version delete.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class IngestRolesTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Committing_sealing_and_quarantining_need_only_the_ingest_roles()
    {
        await azurite.CreateStoreAsync(); // containers exist, as infra/ creates them
        var roles = new IngestRolePolicy();
        var store = new ResidencyStore(azurite.CreateClient(null, roles, new LoseFirstLevelWriteAnswer(before: null)), StorageClientSettings.Development);
        var partition = TestBatches.NewPartition();
        var nextDay = TestBatches.Enqueued.AddDays(1);

        await store.CommitBatchAsync(TestBatches.Batch(partition, TestBatches.Events(0, 29)));
        await store.CommitBatchAsync(TestBatches.Batch(partition, TestBatches.Events(30, 59, enqueuedAtZero: nextDay.AddSeconds(-30))));
        var sealedDays = await store.SealDaysAsync(partition, DateOnly.FromDateTime(nextDay.UtcDateTime).AddDays(2));
        await store.QuarantineInvocationAsync("unreadable-invocation", Encoding.UTF8.GetBytes("not the host's envelope"), "invalid-envelope", "test");

        Assert.Empty(roles.Refused);
        Assert.True(sealedDays >= 1);
        Assert.Contains("vehicle-general tags/read", roles.Granted.Keys);
        Assert.Contains("vehicle-audit read", roles.Granted.Keys);
        Assert.DoesNotContain(roles.Granted.Keys, g => g.EndsWith(" read", StringComparison.Ordinal) && !g.StartsWith("vehicle-index", StringComparison.Ordinal)
            && !g.StartsWith("vehicle-audit", StringComparison.Ordinal));
        await StoreAssertions.VerifyCleanAsync(azurite.CreateClient(), partition, 60);
    }

    [Fact]
    public async Task Two_instances_racing_need_only_the_ingest_roles()
    {
        await azurite.CreateStoreAsync();
        var roles = new IngestRolePolicy();
        var first = new ResidencyStore(azurite.CreateClient(null, roles), StorageClientSettings.Development);
        var second = new ResidencyStore(azurite.CreateClient(null, roles), StorageClientSettings.Development);
        var partition = TestBatches.NewPartition();
        var vehicles = new[] { TestBatches.NewVehicleKey(), TestBatches.NewVehicleKey() };

        for (var round = 0; round < 4; round++)
        {
            var checkpoint = round * 40L;
            await Task.WhenAll(
                Task.Run(() => first.CommitBatchAsync(TestBatches.Batch(partition, TestBatches.Events(checkpoint, checkpoint + 59, vehicles)))),
                Task.Run(() => second.CommitBatchAsync(TestBatches.Batch(partition, TestBatches.Events(Math.Max(0, checkpoint - 20), checkpoint + 79, vehicles)))));
        }

        Assert.Empty(roles.Refused);
        await StoreAssertions.VerifyCleanAsync(azurite.CreateClient(), partition, 3 * 40 + 80);
    }

    [Fact]
    public async Task The_policy_refuses_what_the_roles_lack()
    {
        var roles = new IngestRolePolicy();
        var client = azurite.CreateClient(null, roles);

        await Assert.ThrowsAnyAsync<Exception>(() => client.GetBlobContainerClient(ResidencyContainers.General).GetBlobClient("x").DownloadContentAsync());
        await Assert.ThrowsAnyAsync<Exception>(() => client.GetBlobContainerClient("vehicle-exports").CreateIfNotExistsAsync());

        Assert.Equal(2, roles.Refused.Count);
    }
}
