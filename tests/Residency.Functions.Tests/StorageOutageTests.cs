using Residency.Functions.Tests.Infrastructure;
using Residency.Ingest;
using Residency.Testing;
using Xunit;

namespace Residency.Functions.Tests;

/// <summary>Storage really unreachable (connections refused), then back: the batch fails with 500, then is stored once.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class StorageOutageTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_batch_sent_while_storage_is_down_gets_500_and_is_stored_once_when_it_is_back()
    {
        await using var relay = new TcpForwarder(azurite.BlobEndpoint);
        var viaRelay = azurite.ConnectionString.Replace(
            $"127.0.0.1:{azurite.BlobEndpoint.Port}", $"127.0.0.1:{relay.Port}", StringComparison.Ordinal);
        await using var handler = await RunningHandler.StartAsync(RunningHandler.DevelopmentSettings(viaRelay));
        var partition = Uploads.NewPartition();
        var (batch, expectedReasons) = MixedBatch.Create(partition);

        var down = await handler.InvokeAsync(batch);

        Assert.Equal(500, down.StatusCode);
        Assert.Equal("application/json", down.ContentType);
        Assert.Null(down.Outcome);
        Assert.Contains(down.Logs, l => l.Contains("Storage unavailable", StringComparison.Ordinal));

        relay.Start();
        var retried = await handler.InvokeAsync(batch with { RetryCount = 1 });

        Assert.Equal(200, retried.StatusCode);
        Assert.Equal(batch.Events.Count, retried.Outcome!.Events.Count);
        Assert.Equal(expectedReasons.Count, retried.Outcome.CountsByDisposition["quarantined"]);
        var evidence = await StorageEvidence.ReadAsync(azurite.CreateClient(), partition);
        evidence.AssertEachSequenceAccountedOnce(batch.Events.Select(e => e.SequenceNumber));
        Assert.Single(evidence.Commits);
    }

    [Fact]
    public async Task Storage_failing_in_the_middle_of_a_batch_fails_it_and_the_retry_completes_it_without_duplicates()
    {
        await using var relay = new TcpForwarder(azurite.BlobEndpoint);
        relay.Start();
        var viaRelay = azurite.ConnectionString.Replace(
            $"127.0.0.1:{azurite.BlobEndpoint.Port}", $"127.0.0.1:{relay.Port}", StringComparison.Ordinal);
        await using var handler = await RunningHandler.StartAsync(RunningHandler.DevelopmentSettings(viaRelay));
        var partition = Uploads.NewPartition();

        // A first batch works (containers exist); part of the second is written before storage goes away.
        Assert.Equal(200, (await handler.InvokeAsync(new IngestBatch(partition, [Uploads.Event(1, Uploads.Sample("trip"))]))).StatusCode);
        var (batch, _) = MixedBatch.Create(partition, firstSequence: 10);
        var partial = new IngestBatch(partition, batch.Events.Take(5).ToList());
        Assert.Equal(200, (await handler.InvokeAsync(partial)).StatusCode);
        await relay.StopAsync();
        var down = await handler.InvokeAsync(batch);
        Assert.Equal(500, down.StatusCode);

        relay.Start();
        var retried = await handler.InvokeAsync(batch with { RetryCount = 1 });
        Assert.Equal(200, retried.StatusCode);
        Assert.Equal(5, retried.Outcome!.Events.Count(e => e.Disposition == EventDisposition.AlreadyCommitted));
        var evidence = await StorageEvidence.ReadAsync(azurite.CreateClient(), partition);
        evidence.AssertEachSequenceAccountedOnce(batch.Events.Select(e => e.SequenceNumber).Append(1));
        Assert.Equal(3, evidence.Commits.Count);
        Assert.Contains($"commits/2026/11/22/{partition}/{15:D20}-{batch.Events[^1].SequenceNumber:D20}.json", evidence.Commits);
    }
}
