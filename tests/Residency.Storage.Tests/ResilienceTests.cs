using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Residency.Testing;
using Xunit;

namespace Residency.Storage.Tests;

/// <summary>Retries on injected faults, the mapping to StorageUnavailableException, and bounded concurrency, against Azurite.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class ResilienceTests(AzuriteFixture azurite)
{
    private const int MaxRetries = 3;

    [Theory]
    [InlineData(Fault.ServiceUnavailable)]
    [InlineData(Fault.Hang)]
    [InlineData(Fault.ConnectionFailure)]
    public async Task Client_retries_transient_faults_and_the_re_signed_attempt_is_accepted(Fault fault)
    {
        var handler = new FaultInjectingHandler(fault, faultCount: 2);
        var client = azurite.CreateClient(FastRetries(handler));
        var container = AzuriteFixture.UniqueContainerName("retry");

        var created = await client.CreateContainerIfNotExistsAsync(container);

        Assert.True(created.Value);
        Assert.Equal(3, handler.Attempts);
    }

    [Fact]
    public async Task Client_gives_up_after_max_retries_with_the_service_error()
    {
        var handler = new FaultInjectingHandler(Fault.ServiceUnavailable, faultCount: int.MaxValue);
        var client = azurite.CreateClient(FastRetries(handler));

        var e = await Assert.ThrowsAsync<RequestFailedException>(
            () => client.CreateContainerIfNotExistsAsync(AzuriteFixture.UniqueContainerName("busy")));

        Assert.Equal(503, e.Status);
        Assert.Equal("ServerBusy", e.ErrorCode);
        Assert.Equal(MaxRetries + 1, handler.Attempts);
    }

    [Theory]
    [InlineData(Fault.ServiceUnavailable, 503)]
    [InlineData(Fault.Hang, 0)]
    [InlineData(Fault.ConnectionFailure, 0)]
    public async Task Store_reports_storage_unavailable_after_retries(Fault fault, int status)
    {
        var store = new ResidencyStore(
            azurite.CreateClient(FastRetries(new FaultInjectingHandler(fault, int.MaxValue))),
            new ResidencyStoreOptions { IsDevelopment = true });
        var upload = TestUploads.Create();

        var e = await Assert.ThrowsAsync<StorageUnavailableException>(() => store.StoreUploadAsync(upload));

        Assert.Equal(status, e.Status);
        Assert.Contains("vehicle-", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(upload.VehicleKey, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(upload.MessageId, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Store_reports_storage_unavailable_when_nothing_listens()
    {
        var closedPort = FreePorts.Next();
        var client = BlobRestClient.FromConnectionString(
            $"AccountName={StorageConnectionString.DevelopmentAccountName};AccountKey={StorageConnectionString.DevelopmentAccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{closedPort}/devstoreaccount1",
            FastRetries(handler: null));
        var store = new ResidencyStore(client, new ResidencyStoreOptions { IsDevelopment = true });

        var e = await Assert.ThrowsAsync<StorageUnavailableException>(() => store.EnsureContainersAsync());

        Assert.Equal(0, e.Status);
    }

    [Fact]
    public async Task Store_maps_a_refused_key_to_storage_unavailable()
    {
        var parsed = StorageConnectionString.Parse(azurite.ConnectionString);
        var client = new BlobRestClient(
            parsed.BlobEndpoint, new StorageSharedKeyCredential(parsed.Credential.AccountName, Convert.ToBase64String(new byte[64])));
        var store = new ResidencyStore(client, new ResidencyStoreOptions { IsDevelopment = true });

        var e = await Assert.ThrowsAsync<StorageUnavailableException>(() => store.StoreUploadAsync(TestUploads.Create()));

        Assert.Equal(403, e.Status);
    }

    [Fact]
    public async Task Store_maps_a_missing_container_to_storage_unavailable()
    {
        var fresh = await TestAzurite.StartOwnAsync();
        await using (fresh)
        {
            var store = new ResidencyStore(
                BlobRestClient.FromConnectionString(fresh.ConnectionString), new ResidencyStoreOptions { IsDevelopment = true });

            var e = await Assert.ThrowsAsync<StorageUnavailableException>(() => store.StoreUploadAsync(TestUploads.Create()));

            Assert.Equal(404, e.Status);
            Assert.Equal("ContainerNotFound", e.ErrorCode);
        }
    }

    [Fact]
    public async Task Caller_cancellation_is_not_reported_as_storage_unavailable()
    {
        var store = new ResidencyStore(
            azurite.CreateClient(FastRetries(new FaultInjectingHandler(Fault.Hang, int.MaxValue), networkTimeout: TimeSpan.FromMinutes(5))),
            new ResidencyStoreOptions { IsDevelopment = true });
        using var cancellation = new CancellationTokenSource();
        var storing = store.StoreUploadAsync(TestUploads.Create(), cancellation.Token);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => storing);
    }

    [Fact]
    public async Task Concurrent_callers_together_never_exceed_max_concurrency()
    {
        const int limit = 3;
        await azurite.CreateStoreAsync();
        var gate = new InFlightGatePolicy(holdUntil: limit);
        var options = new BlobRestClientOptions();
        options.AddPolicy(gate, HttpPipelinePosition.PerCall);
        var store = new ResidencyStore(azurite.CreateClient(options), new ResidencyStoreOptions { IsDevelopment = true, MaxConcurrency = limit });
        var uploads = Enumerable.Range(0, 20).Select(_ => TestUploads.Create()).ToList();

        var results = await Task.WhenAll(uploads.Select(upload => Task.Run(() => store.StoreUploadAsync(upload))));

        Assert.All(results, result => Assert.Equal(UploadStoreStatus.Stored, result.Status));
        Assert.Equal(uploads.Count * 2, gate.Total);
        Assert.Equal(limit, gate.MaxInFlight);
    }

    private static BlobRestClientOptions FastRetries(FaultInjectingHandler? handler, TimeSpan? networkTimeout = null)
    {
        var options = new BlobRestClientOptions();
        options.Retry.MaxRetries = MaxRetries;
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(5);
        options.Retry.NetworkTimeout = networkTimeout ?? TimeSpan.FromMilliseconds(300);
        if (handler is not null)
        {
            options.Transport = new HttpClientTransport(handler);
        }

        return options;
    }
}
