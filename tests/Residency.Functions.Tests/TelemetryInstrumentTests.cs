using Residency.Functions.Admission;
using Residency.Functions.Tests.Infrastructure;
using Residency.Ingest;
using Residency.Ingest.Telemetry;
using Residency.Testing;
using Xunit;

namespace Residency.Functions.Tests;

/// <summary>Each instrument of <see cref="TelemetryNames"/> and its dimensions, for known batches over real HTTP against Azurite.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class TelemetryInstrumentTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_mixed_batch_counts_each_event_by_outcome_and_level_and_each_quarantine_by_reason()
    {
        using var capture = new TelemetryCapture();
        await using var handler = await RunningHandler.StartAsync(RunningHandler.DevelopmentSettings(azurite.ConnectionString));
        var partition = Uploads.NewPartition();
        var (batch, reasons) = MixedBatch.Create(partition);
        var stored = batch.Events.Count - reasons.Count;

        Assert.Equal(200, (await handler.InvokeAsync(batch)).StatusCode);

        var events = capture.Of(TelemetryNames.Events, partition).ToList();
        Assert.All(events, m => AssertTags(TelemetryNames.Events, m));
        Assert.Equal(stored, events.Where(m => m.Tag(TelemetryNames.OutcomeTag) == "stored").Sum(m => m.Value));
        Assert.Equal(reasons.Count, events.Where(m => m.Tag(TelemetryNames.OutcomeTag) == "quarantined").Sum(m => m.Value));
        Assert.All(events.Where(m => m.Tag(TelemetryNames.OutcomeTag) == "quarantined"), m => Assert.Equal("none", m.Tag(TelemetryNames.LevelTag)));
        Assert.All(events.Where(m => m.Tag(TelemetryNames.OutcomeTag) == "stored"),
            m => Assert.Contains(m.Tag(TelemetryNames.LevelTag), new[] { "general", "personal", "sensitive", "important" }));

        var quarantine = capture.Of(TelemetryNames.Quarantine, partition).ToList();
        Assert.All(quarantine, m => AssertTags(TelemetryNames.Quarantine, m));
        Assert.Equal(reasons.Values.Order(), quarantine.Select(m => m.Tag(TelemetryNames.ReasonTag)!).Order());

        // Every event committed now has its lag from the enqueued time (set in 2026-11 by Uploads.Event).
        var lags = capture.Of(TelemetryNames.CommitLag, partition).ToList();
        Assert.Equal(batch.Events.Count, lags.Count);
        Assert.All(lags, m => Assert.True(m.Value > 0));

        var invocation = Assert.Single(capture.Of(TelemetryNames.InvocationDuration, partition));
        AssertTags(TelemetryNames.InvocationDuration, invocation);
        Assert.Equal("200", invocation.Tag(TelemetryNames.StatusTag));

        Assert.Contains(capture.Of(TelemetryNames.ClassificationDuration), m => m.Tag(TelemetryNames.OutcomeTag) == "classified");
        Assert.Contains(capture.Of(TelemetryNames.ClassificationDuration), m => m.Tag(TelemetryNames.OutcomeTag) == "rejected");
        Assert.All(capture.Of(TelemetryNames.ClassificationDuration), m => AssertTags(TelemetryNames.ClassificationDuration, m));

        var storage = capture.Of(TelemetryNames.StorageRequests).ToList();
        Assert.All(storage, m => AssertTags(TelemetryNames.StorageRequests, m));
        Assert.Contains(storage, m => m.Tag(TelemetryNames.OperationTag) == "put-blob" && m.Tag(TelemetryNames.StatusTag) == "201");
        Assert.DoesNotContain(storage, m => m.Tag(TelemetryNames.OperationTag) == "other");
        Assert.Equal(storage.Count, capture.Of(TelemetryNames.StorageDuration).Count());

        // A redelivery changes nothing and says so.
        Assert.Equal(200, (await handler.InvokeAsync(batch)).StatusCode);
        var again = capture.Of(TelemetryNames.Events, partition).Where(m => m.Tag(TelemetryNames.OutcomeTag) == "already-committed");
        Assert.Equal(batch.Events.Count, again.Sum(m => m.Value));
        Assert.Equal(batch.Events.Count, capture.Of(TelemetryNames.CommitLag, partition).Count());
    }

    [Fact]
    public async Task Storage_down_records_a_500_invocation_and_failed_storage_attempts()
    {
        using var capture = new TelemetryCapture();
        await using var relay = new TcpForwarder(azurite.BlobEndpoint); // not started: connections are refused
        var viaRelay = azurite.ConnectionString.Replace(
            $"127.0.0.1:{azurite.BlobEndpoint.Port}", $"127.0.0.1:{relay.Port}", StringComparison.Ordinal);
        await using var handler = await RunningHandler.StartAsync(RunningHandler.DevelopmentSettings(viaRelay, storageMaxRetries: 0));
        var partition = Uploads.NewPartition();

        var reply = await handler.InvokeAsync(new IngestBatch(partition, [Uploads.Event(1, Uploads.Sample("telemetry"))]));

        Assert.Equal(500, reply.StatusCode);
        var invocation = Assert.Single(capture.Of(TelemetryNames.InvocationDuration, partition));
        Assert.Equal("500", invocation.Tag(TelemetryNames.StatusTag));
        Assert.Empty(capture.Of(TelemetryNames.Events, partition));
        Assert.Contains(capture.Of(TelemetryNames.StorageRequests), m => m.Tag(TelemetryNames.StatusTag) == "0");
    }

    [Fact]
    public async Task An_invalid_envelope_is_counted_as_one_quarantined_request()
    {
        using var capture = new TelemetryCapture();
        await using var handler = await RunningHandler.StartAsync(RunningHandler.DevelopmentSettings(azurite.ConnectionString));

        var reply = await handler.PostAsync(System.Text.Encoding.UTF8.GetBytes("{\"Data\":{\"events\":[\"" + Guid.NewGuid() + "\"]},\"Metadata\":{}}"));

        Assert.Equal(200, reply.StatusCode);
        Assert.Contains(capture.Of(TelemetryNames.Quarantine, UnreadableInvocation.PartitionId),
            m => m.Tag(TelemetryNames.ReasonTag) == IngestReasons.InvalidEnvelope);
        Assert.Contains(capture.Of(TelemetryNames.InvocationDuration, UnreadableInvocation.PartitionId),
            m => m.Tag(TelemetryNames.StatusTag) == "200");
    }

    [Fact]
    public async Task Requests_over_the_admission_limit_are_counted_as_queued_and_abandoned()
    {
        using var capture = new TelemetryCapture();
        var admission = new InvocationAdmission(maxInvocations: 1, maxBytes: 1024);
        using var first = await admission.EnterAsync(10, CancellationToken.None);
        using var giveUp = new CancellationTokenSource();

        var waiting = admission.EnterAsync(10, giveUp.Token);
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        var refusals = capture.Of(TelemetryNames.AdmissionRefusals).ToList();
        Assert.All(refusals, m => AssertTags(TelemetryNames.AdmissionRefusals, m));
        Assert.Contains(refusals, m => m.Tag(TelemetryNames.AdmissionResultTag) == AdmissionMetrics.Queued);
        Assert.Contains(refusals, m => m.Tag(TelemetryNames.AdmissionResultTag) == AdmissionMetrics.Abandoned);
    }

    private static void AssertTags(string instrument, TelemetryCapture.Measurement measurement) =>
        Assert.Equal(TelemetryNames.Instruments.Single(i => i.Name == instrument).Tags.Order(), measurement.Tags.Keys.Order());
}
