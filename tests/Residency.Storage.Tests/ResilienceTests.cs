using Azure.Core.Pipeline;
using Residency.Development;
using Residency.Storage.Clients;
using Residency.Testing;
using Xunit;

namespace Residency.Storage.Tests;

/// <summary>Retries on injected faults and the mapping to StorageUnavailableException, against Azurite.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class ResilienceTests(AzuriteFixture azurite)
{
    private const int MaxRetries = 3;

    [Theory]
    [InlineData(Fault.ServiceUnavailable)]
    [InlineData(Fault.Hang)]
    [InlineData(Fault.ConnectionFailure)]
    public async Task Transient_faults_are_retried_and_the_batch_commits(Fault fault)
    {
        await azurite.CreateStoreAsync(); // the containers, created without faults
        var handler = new FaultInjectingHandler(fault, faultCount: 2);
        var store = new ResidencyStore(azurite.CreateClient(FastRetries(handler), handler.Policy), StorageClientSettings.Development);
        var partition = TestBatches.NewPartition();

        var result = await store.CommitBatchAsync(TestBatches.Batch(partition, TestBatches.Events(0, 9)));

        Assert.Equal(9, result.CommittedThrough);
        await StoreAssertions.VerifyCleanAsync(azurite.CreateClient(), partition, 10);
    }

    [Theory]
    [InlineData(Fault.ServiceUnavailable, 503)]
    [InlineData(Fault.Hang, 0)]
    [InlineData(Fault.ConnectionFailure, 0)]
    public async Task Storage_that_keeps_failing_is_unavailable_after_the_retries(Fault fault, int status)
    {
        var handler = new FaultInjectingHandler(fault, int.MaxValue);
        var store = new ResidencyStore(azurite.CreateClient(FastRetries(handler), handler.Policy), StorageClientSettings.Development);
        var partition = TestBatches.NewPartition();

        var e = await Assert.ThrowsAsync<StorageUnavailableException>(
            () => store.CommitBatchAsync(TestBatches.Batch(partition, TestBatches.Events(0, 9))));

        Assert.Equal(status, e.Status);
        Assert.Equal(MaxRetries + 1, handler.Attempts);
        Assert.Contains("vehicle-index", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(partition, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_listening_is_storage_unavailable()
    {
        var client = ResidencyBlobClients.FromConnectionString(
            $"AccountName={StorageConnectionString.DevelopmentAccountName};AccountKey={StorageConnectionString.DevelopmentAccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{FreePort.Next()}/devstoreaccount1",
            FastRetries(handler: null));
        var store = new ResidencyStore(client, StorageClientSettings.Development);

        var e = await Assert.ThrowsAsync<StorageUnavailableException>(() => store.EnsureContainersAsync());

        Assert.Equal(0, e.Status);
    }

    [Fact]
    public async Task A_refused_key_is_storage_unavailable()
    {
        var parsed = StorageConnectionString.Parse(azurite.ConnectionString);
        var client = ResidencyBlobClients.FromConnectionString(
            $"AccountName={StorageConnectionString.DevelopmentAccountName};AccountKey={Convert.ToBase64String(new byte[64])};BlobEndpoint={parsed.BlobEndpoint}",
            FastRetries(handler: null));
        var store = new ResidencyStore(client, StorageClientSettings.Development);

        var e = await Assert.ThrowsAsync<StorageUnavailableException>(
            () => store.CommitBatchAsync(TestBatches.Batch(TestBatches.NewPartition(), TestBatches.Events(0, 2))));

        Assert.Equal(403, e.Status);
    }

    [Fact]
    public async Task A_missing_container_is_storage_unavailable()
    {
        // A fresh Azurite whose containers were never created, as an account where they were not deployed.
        var fresh = await TestAzurite.StartOwnAsync();
        await using var owned = fresh;
        var store = new ResidencyStore(
            ResidencyBlobClients.FromConnectionString(fresh.ConnectionString, FastRetries(handler: null)), StorageClientSettings.Development);

        var e = await Assert.ThrowsAsync<StorageUnavailableException>(
            () => store.CommitBatchAsync(TestBatches.Batch(TestBatches.NewPartition(), TestBatches.Events(0, 2))));

        Assert.Equal(404, e.Status);
        Assert.Equal("ContainerNotFound", e.ErrorCode);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_reported_as_storage_unavailable()
    {
        // Every attempt hangs and the client's timeout is long: only the caller's cancellation ends the call.
        var handler = new FaultInjectingHandler(Fault.Hang, int.MaxValue, shortTimeoutForHangs: false);
        var store = new ResidencyStore(azurite.CreateClient(FastRetries(handler), handler.Policy), StorageClientSettings.Development);
        using var cancellation = new CancellationTokenSource();
        var committing = store.CommitBatchAsync(TestBatches.Batch(TestBatches.NewPartition(), TestBatches.Events(0, 2)), cancellation.Token);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => committing);
    }

    // Short pauses between retries; the network timeout stays the production default, so a request that reaches
    // Azurite is never cut short on a busy machine (injected hangs get a short timeout of their own).
    private static StorageClientSettings FastRetries(FaultInjectingHandler? handler) => new()
    {
        IsDevelopment = true,
        MaxRetries = MaxRetries,
        RetryDelay = TimeSpan.FromMilliseconds(1),
        MaxRetryDelay = TimeSpan.FromMilliseconds(5),
        Transport = handler is null ? null : new HttpClientTransport(handler.Handler),
    };
}
