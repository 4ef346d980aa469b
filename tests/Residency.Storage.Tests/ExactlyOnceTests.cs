using Residency.Storage.Audit;
using Residency.Storage.Clients;
using Residency.Testing;
using Xunit;

namespace Residency.Storage.Tests;

/// <summary>
/// Exactly once per sequence number against a real Azurite: redelivery, replay from anywhere, a crash after every
/// single storage request (with and without a restart), and two instances racing on one partition. Each test ends
/// with a clean <c>audit verify</c>.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class ExactlyOnceTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Redelivered_batch_commits_nothing_and_costs_no_request()
    {
        var partition = TestBatches.NewPartition();
        var counter = new StorageRequestCounter();
        var store = await azurite.CreateStoreAsync(8, counter);
        var events = TestBatches.Events(0, 19);
        await store.CommitBatchAsync(TestBatches.Batch(partition, events));
        var before = counter.Total;

        var again = await store.CommitBatchAsync(TestBatches.Batch(partition, events));

        Assert.Empty(again.CommittedNow);
        Assert.Null(again.CommitName);
        Assert.Equal(19, again.CommittedThrough);
        Assert.Equal(before, counter.Total);
        await StoreAssertions.VerifyCleanAsync(azurite.CreateClient(), partition, 20);
    }

    [Fact]
    public async Task Replay_from_any_sequence_number_commits_only_what_is_new()
    {
        var partition = TestBatches.NewPartition();
        var vehicles = new[] { TestBatches.NewVehicleKey(), TestBatches.NewVehicleKey() };
        var store = await azurite.CreateStoreAsync();
        await store.CommitBatchAsync(TestBatches.Batch(partition, TestBatches.Events(0, 49, vehicles)));

        foreach (var (first, last, expectedNew) in new[] { (10L, 79L, 30), (0L, 79L, 0), (79L, 100L, 21), (55L, 60L, 0), (101L, 101L, 1) })
        {
            // A restarted host (no cached head) replays from wherever its checkpoint was.
            var restarted = await azurite.CreateStoreAsync();
            var result = await restarted.CommitBatchAsync(TestBatches.Batch(partition, TestBatches.Events(first, last, vehicles)));
            Assert.Equal(expectedNew, result.CommittedNow.Count);
        }

        await StoreAssertions.VerifyCleanAsync(azurite.CreateClient(), partition, 102);
    }

    [Fact]
    public async Task A_crash_after_any_storage_request_is_repaired_by_the_retry_or_a_restart()
    {
        var events = TestBatches.Events(0, 20);
        var clean = new CrashAfterPolicy(int.MaxValue);
        await (await azurite.CreateStoreAsync(8, clean)).CommitBatchAsync(TestBatches.Batch(TestBatches.NewPartition(), events));
        var requests = clean.Requests - ResidencyContainers.All.Count;
        Assert.InRange(requests, 8, 40);

        for (var crashAt = 1; crashAt <= requests; crashAt++)
        {
            foreach (var restart in new[] { false, true })
            {
                var partition = TestBatches.NewPartition();
                var crashing = new CrashAfterPolicy(crashAt);
                var store = new ResidencyStore(azurite.CreateClient(null, crashing), StorageClientSettings.Development);

                await Assert.ThrowsAsync<InjectedCrashException>(() => store.CommitBatchAsync(TestBatches.Batch(partition, events)));

                // The host retries the same batch: in the same process, or in a new one after a restart.
                var retry = restart ? await azurite.CreateStoreAsync() : store;
                var result = await retry.CommitBatchAsync(TestBatches.Batch(partition, events));
                Assert.Equal(20, result.CommittedThrough);
                await StoreAssertions.VerifyCleanAsync(azurite.CreateClient(), partition, 21);
            }
        }
    }

    [Fact]
    public async Task A_crash_then_a_redelivery_with_other_batch_boundaries_leaves_no_orphan()
    {
        var partition = TestBatches.NewPartition();
        var vehicles = new[] { TestBatches.NewVehicleKey() };
        var crashing = new CrashAfterPolicy(6);
        var store = new ResidencyStore(azurite.CreateClient(null, crashing), StorageClientSettings.Development);
        await Assert.ThrowsAsync<InjectedCrashException>(
            () => store.CommitBatchAsync(TestBatches.Batch(partition, TestBatches.Events(0, 29, vehicles))));

        // After a restart the host fetches smaller batches from the same checkpoint.
        var restarted = await azurite.CreateStoreAsync();
        await restarted.CommitBatchAsync(TestBatches.Batch(partition, TestBatches.Events(0, 9, vehicles)));
        await restarted.CommitBatchAsync(TestBatches.Batch(partition, TestBatches.Events(10, 29, vehicles)));

        await StoreAssertions.VerifyCleanAsync(azurite.CreateClient(), partition, 30);
    }

    [Fact]
    public async Task Two_instances_racing_on_overlapping_batches_commit_each_sequence_number_once()
    {
        var partition = TestBatches.NewPartition();
        var vehicles = new[] { TestBatches.NewVehicleKey(), TestBatches.NewVehicleKey(), TestBatches.NewVehicleKey() };
        var first = await azurite.CreateStoreAsync();
        var second = await azurite.CreateStoreAsync();
        var attempts = 0;

        // Both read from a checkpoint at or below the committed head (the host checkpoints only after a commit):
        // one from the current checkpoint with a smaller batch, the other from an older one with a larger batch.
        for (var round = 0; round < 6; round++)
        {
            var checkpoint = round * 40L;
            var results = await Task.WhenAll(
                Task.Run(() => first.CommitBatchAsync(TestBatches.Batch(partition, TestBatches.Events(checkpoint, checkpoint + 59, vehicles)))),
                Task.Run(() => second.CommitBatchAsync(TestBatches.Batch(partition, TestBatches.Events(Math.Max(0, checkpoint - 20), checkpoint + 79, vehicles)))));
            attempts += results.Sum(r => r.Attempts);
            Assert.Equal(checkpoint + 79, results.Max(r => r.CommittedThrough));
            Assert.Empty(results[0].CommittedNow.Intersect(results[1].CommittedNow));
        }

        // From the second round on, one instance's cached head is stale each time: it needs another attempt.
        Assert.True(attempts > 12, $"the two instances never raced ({attempts} attempts)");
        await StoreAssertions.VerifyCleanAsync(azurite.CreateClient(), partition, 5 * 40 + 80);
    }

    [Fact]
    public async Task A_batch_with_missing_sequence_numbers_is_committed_and_verify_reports_the_gap()
    {
        var partition = TestBatches.NewPartition();
        var store = await azurite.CreateStoreAsync();
        var events = TestBatches.Events(0, 9).Where(e => e.SequenceNumber is not (4 or 5)).ToList();

        await store.CommitBatchAsync(TestBatches.Batch(partition, events));

        var report = await new AuditVerifier(azurite.CreateClient()).VerifyAsync([partition]);
        var gap = Assert.Single(report.Problems);
        Assert.Equal(AuditProblemKind.Gap, gap.Kind);
        Assert.Contains("4-5", gap.Detail, StringComparison.Ordinal);
    }
}
