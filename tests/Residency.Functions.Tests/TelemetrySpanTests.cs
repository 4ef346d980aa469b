using System.Diagnostics;
using Residency.Functions.Tests.Infrastructure;
using Residency.Ingest;
using Residency.Ingest.Telemetry;
using Residency.Testing;
using Xunit;

namespace Residency.Functions.Tests;

/// <summary>One span per invocation with decode, classify and commit children, linked to the devices' trace contexts.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class TelemetrySpanTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task An_invocation_span_has_its_children_and_links_to_the_device_contexts()
    {
        using var capture = new TelemetryCapture();
        await using var handler = await RunningHandler.StartAsync(RunningHandler.DevelopmentSettings(azurite.ConnectionString));
        var partition = Uploads.NewPartition();
        var fromTraceParent = ActivityTraceId.CreateRandom();
        var fromDiagnosticId = ActivityTraceId.CreateRandom();
        var batch = new IngestBatch(partition,
        [
            Uploads.Event(1, Uploads.Sample("telemetry"), new Dictionary<string, string> { ["traceparent"] = $"00-{fromTraceParent}-{ActivitySpanId.CreateRandom()}-01" }),
            Uploads.Event(2, Uploads.Sample("trip"), new Dictionary<string, string> { ["Diagnostic-Id"] = $"00-{fromDiagnosticId}-{ActivitySpanId.CreateRandom()}-01" }),
            Uploads.Event(3, Uploads.Sample("event"), new Dictionary<string, string> { ["traceparent"] = "not a trace context" }),
        ]);

        Assert.Equal(200, (await handler.InvokeAsync(batch)).StatusCode);

        var spans = capture.Spans;
        var invocation = Assert.Single(spans, s => s.OperationName == TelemetryNames.InvocationSpan && (s.GetTagItem(TelemetryNames.PartitionTag) as string) == partition);
        Assert.Equal(ActivityStatusCode.Ok, invocation.Status);
        Assert.Equal(3, invocation.GetTagItem(TelemetryNames.EventCountAttribute));
        Assert.Equal(new[] { fromTraceParent, fromDiagnosticId }.Select(t => t.ToString()).Order(),
            invocation.Links.Select(l => l.Context.TraceId.ToString()).Order());
        var children = spans.Where(s => s.ParentSpanId == invocation.SpanId).GroupBy(s => s.OperationName).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(3, children[TelemetryNames.DecodeSpan]);
        Assert.Equal(3, children[TelemetryNames.ClassifySpan]);
        Assert.Equal(1, children[TelemetryNames.CommitSpan]);
        Assert.All(spans.Where(s => s.TraceId == invocation.TraceId), s => Assert.Contains(s.OperationName, TelemetryNames.Spans));
    }

    [Fact]
    public void Device_contexts_are_read_from_traceparent_first_then_diagnostic_id()
    {
        var parent = ActivityTraceId.CreateRandom();
        var diagnostic = ActivityTraceId.CreateRandom();
        var both = new Dictionary<string, string>
        {
            ["traceparent"] = $"00-{parent}-{ActivitySpanId.CreateRandom()}-01",
            ["Diagnostic-Id"] = $"00-{diagnostic}-{ActivitySpanId.CreateRandom()}-01",
        };

        Assert.True(IngestSpans.TryReadContext(both, out var context));
        Assert.Equal(parent, context.TraceId);
        Assert.False(IngestSpans.TryReadContext(new Dictionary<string, string> { ["Diagnostic-Id"] = "|abc.1." }, out _));
        Assert.False(IngestSpans.TryReadContext(new Dictionary<string, string>(), out _));
    }
}
