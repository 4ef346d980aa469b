using System.Globalization;
using Residency.Cli.Simulation;

namespace Residency.Cli.Bench;

/// <summary>
/// The handler's CPU per 1,000 events with telemetry off (<c>OTEL_SDK_DISABLED=true</c>) and on (the OpenTelemetry
/// SDK, every invocation traced, metrics exported each second over OTLP to a local sink), in the same run: two rows
/// each, alternately, on the same events.
/// </summary>
internal sealed record TelemetryOverhead(IReadOnlyList<BenchRow> Off, IReadOnlyList<BenchRow> On, long SinkRequests)
{
    private const int Rounds = 2;

    public bool IsSound => Off.Concat(On).All(r => r.IsSound);

    public static double CpuPerThousand(IReadOnlyList<BenchRow> rows) =>
        rows.Sum(r => r.HandlerCpu.TotalMilliseconds) * 1000.0 / Math.Max(rows.Sum(r => r.Events), 1);

    public static async Task<TelemetryOverhead> MeasureAsync(
        BenchRowRunner runner, int batchSize, IReadOnlyList<SimulatedEvent> events, CancellationToken cancellationToken)
    {
        using var sink = OtlpSink.Start();
        var off = new Dictionary<string, string> { ["OTEL_SDK_DISABLED"] = "true" };
        var on = new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = sink.Endpoint.AbsoluteUri,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
            ["OTEL_TRACES_SAMPLER"] = "always_on",
        };
        var offRows = new List<BenchRow>();
        var onRows = new List<BenchRow>();
        for (var round = 0; round < Rounds; round++)
        {
            offRows.Add(await runner.RunAsync(batchSize, events, cancellationToken, off));
            onRows.Add(await runner.RunAsync(batchSize, events, cancellationToken, on));
        }

        return new TelemetryOverhead(offRows, onRows, sink.Requests);
    }

    public string Format()
    {
        var off = CpuPerThousand(Off);
        var on = CpuPerThousand(On);
        return string.Create(CultureInfo.InvariantCulture,
            $"telemetry overhead (batch {Off[0].BatchSize}, {Rounds} rows each, alternately): handler CPU per 1,000 events off {off:F0} ms, on {on:F0} ms ({(on - off) * 100 / Math.Max(off, 1e-9):+0.0;-0.0}%); OTLP sink received {SinkRequests} requests");
    }
}
