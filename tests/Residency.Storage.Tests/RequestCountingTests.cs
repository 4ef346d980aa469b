using Azure.Core;
using Azure.Core.Pipeline;
using Residency.Storage.Clients;
using Residency.Testing;
using Xunit;

namespace Residency.Storage.Tests;

/// <summary>What reaches Azurite: the pinned service version, and request counting per scope.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class RequestCountingTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Every_request_carries_the_pinned_service_version()
    {
        var versions = new HeaderCapture("x-ms-version");
        var store = await azurite.CreateStoreAsync(8, versions);

        await store.CommitBatchAsync(TestBatches.Batch(TestBatches.NewPartition(), TestBatches.Events(0, 5)));

        Assert.NotEmpty(versions.Values);
        Assert.All(versions.Values, v => Assert.Equal("2025-05-05", v));
    }

    [Fact]
    public async Task A_scope_counts_the_requests_of_its_own_flow_only()
    {
        var counter = new StorageRequestCounter();
        var store = await azurite.CreateStoreAsync(8, counter);
        var before = counter.Total;

        // Two concurrent flows, each in its own scope: an invocation's count is its own requests.
        async Task<long> CommitInScopeAsync()
        {
            using var scope = StorageRequestCounter.BeginScope();
            await store.CommitBatchAsync(TestBatches.Batch(TestBatches.NewPartition(), TestBatches.Events(0, 5)));
            return scope.Count;
        }

        var counts = await Task.WhenAll(Task.Run(CommitInScopeAsync), Task.Run(CommitInScopeAsync));

        Assert.Equal(counter.Total - before, counts.Sum());
        Assert.All(counts, c => Assert.InRange(c, 6, 20));
    }

    private sealed class HeaderCapture(string name) : HttpPipelineSynchronousPolicy
    {
        private readonly List<string> _values = [];

        public IReadOnlyList<string> Values
        {
            get
            {
                lock (_values)
                {
                    return [.. _values];
                }
            }
        }

        public override void OnSendingRequest(HttpMessage message)
        {
            if (message.Request.Headers.TryGetValue(name, out var value))
            {
                lock (_values)
                {
                    _values.Add(value);
                }
            }
        }
    }
}
