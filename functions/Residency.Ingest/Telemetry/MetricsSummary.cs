using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Residency.Ingest.Telemetry;

/// <summary>
/// Listens to the ingest instruments in this process (a <see cref="MeterListener"/>) and sums them per instrument and
/// dimensions, partition left out: what a developer sees locally is what production charts show.
/// </summary>
public sealed class MetricsSummary : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Instrument, string Dimensions), Series> _series = new();

    /// <summary>Starts listening to every instrument of <see cref="TelemetryNames.Meter"/>.</summary>
    public MetricsSummary()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == TelemetryNames.Meter)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument.Name, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument.Name, value, tags));
        _listener.Start();
    }

    /// <summary>One line per instrument and dimensions: counters their total, histograms count, mean and max.</summary>
    public IReadOnlyList<string> Lines()
    {
        var lines = new List<string>();
        foreach (var instrument in TelemetryNames.Instruments)
        {
            foreach (var (key, series) in _series.Where(s => s.Key.Instrument == instrument.Name).OrderBy(s => s.Key.Dimensions, StringComparer.Ordinal))
            {
                var (count, sum, max) = series.Read();
                var dimensions = key.Dimensions.Length == 0 ? "" : " " + key.Dimensions;
                lines.Add(instrument.Kind == InstrumentKind.Counter
                    ? string.Create(CultureInfo.InvariantCulture, $"{instrument.Name}{dimensions}: {sum:0}")
                    : string.Create(CultureInfo.InvariantCulture, $"{instrument.Name}{dimensions}: count {count}, mean {sum / Math.Max(count, 1):0.###} {instrument.Unit}, max {max:0.###} {instrument.Unit}"));
            }
        }

        return lines;
    }

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();

    private void Add(string instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var text = new StringBuilder();
        foreach (var tag in tags)
        {
            if (tag.Key != TelemetryNames.PartitionTag)
            {
                text.Append(text.Length == 0 ? "" : ",").Append(tag.Key).Append('=').Append(Convert.ToString(tag.Value, CultureInfo.InvariantCulture));
            }
        }

        _series.GetOrAdd((instrument, text.ToString()), _ => new Series()).Add(value);
    }

    private sealed class Series
    {
        private readonly Lock _gate = new();
        private long _count;
        private double _sum;
        private double _max;

        public void Add(double value)
        {
            lock (_gate)
            {
                _count++;
                _sum += value;
                _max = Math.Max(_max, value);
            }
        }

        public (long Count, double Sum, double Max) Read()
        {
            lock (_gate)
            {
                return (_count, _sum, _max);
            }
        }
    }
}
