using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Residency.Ingest.Telemetry;

namespace Residency.Functions.Tests.Infrastructure;

/// <summary>
/// Everything the ingest instruments record while it lives: measurements through a MeterListener and spans through
/// the OpenTelemetry SDK's in-memory exporter. Other tests of the process record too: filter by partition.
/// </summary>
internal sealed class TelemetryCapture : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<Activity> _spans = [];
    private readonly TracerProvider _tracer;

    public TelemetryCapture()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == TelemetryNames.Meter)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
        _tracer = Sdk.CreateTracerProviderBuilder()
            .AddSource(TelemetryNames.ActivitySource)
            .SetSampler(new AlwaysOnSampler())
            .AddInMemoryExporter(_spans)
            .Build();
    }

    public ConcurrentQueue<Measurement> Measurements { get; } = new();

    /// <summary>The spans exported so far (the SDK exports each as it ends).</summary>
    public IReadOnlyList<Activity> Spans
    {
        get
        {
            _tracer.ForceFlush();
            lock (_spans)
            {
                return _spans.ToList();
            }
        }
    }

    public IEnumerable<Measurement> Of(string instrument) => Measurements.Where(m => m.Instrument == instrument);

    public IEnumerable<Measurement> Of(string instrument, string partitionId) =>
        Of(instrument).Where(m => m.Tags.GetValueOrDefault(TelemetryNames.PartitionTag) as string == partitionId);

    public void Dispose()
    {
        _listener.Dispose();
        _tracer.Dispose();
    }

    private void Add<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct, IConvertible =>
        Measurements.Enqueue(new Measurement(instrument.Name, value.ToDouble(System.Globalization.CultureInfo.InvariantCulture),
            tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));

    /// <summary>One recorded value with its dimensions.</summary>
    internal sealed record Measurement(string Instrument, double Value, Dictionary<string, object?> Tags)
    {
        public string? Tag(string name) => Tags.GetValueOrDefault(name)?.ToString();
    }
}
