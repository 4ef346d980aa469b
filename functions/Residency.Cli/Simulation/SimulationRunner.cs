using System.Globalization;

namespace Residency.Cli.Simulation;

/// <summary>Drives a generator into a sink at a given rate, for a count or a duration, with a progress line.</summary>
/// <remarks>
/// On a terminal the progress line is rewritten in place; when redirected (CI logs, files) a full line is written
/// at most every few seconds, so logs stay readable.
/// </remarks>
internal sealed class SimulationRunner(FleetGenerator generator, IEventSink sink, TextWriter progress, TimeProvider time, bool rewriteProgressLine)
{
    private static readonly TimeSpan RedirectedProgressInterval = TimeSpan.FromSeconds(5);
    private TimeSpan? _lastProgressLine;
    private long _lastReportedCount = -1;

    /// <summary>A runner reporting to <paramref name="progress"/>, rewriting its line only when that is a terminal's stderr.</summary>
    public static SimulationRunner ToError(FleetGenerator generator, IEventSink sink, TextWriter progress, TimeProvider time) =>
        new(generator, sink, progress, time, rewriteProgressLine: ReferenceEquals(progress, Console.Error) && !Console.IsErrorRedirected);

    public async Task<SimulationSummary> RunAsync(long? count, TimeSpan? duration, double ratePerSecond, int chunkSize, CancellationToken cancellationToken)
    {
        var summary = new SimulationSummary();
        var started = time.GetTimestamp();
        TimeSpan Elapsed() => time.GetElapsedTime(started);
        var chunk = ratePerSecond > 0 ? (int)Math.Clamp(ratePerSecond / 4, 1, chunkSize) : chunkSize;
        while (!cancellationToken.IsCancellationRequested)
        {
            var remaining = count is { } c ? c - summary.Generated : long.MaxValue;
            if (remaining <= 0 || (duration is { } d && Elapsed() >= d))
            {
                break;
            }

            var events = generator.Take(Math.Min(chunk, remaining)).ToList();
            summary.Add(events);
            var report = await sink.SendAsync(events, cancellationToken);
            summary.Add(report);
            WriteProgress(summary, Elapsed());

            if (ratePerSecond > 0)
            {
                var due = TimeSpan.FromSeconds(summary.Generated / ratePerSecond) - Elapsed();
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, time, cancellationToken);
                }
            }
        }

        summary.Elapsed = Elapsed();
        WriteProgress(summary, Elapsed(), final: true);
        return summary;
    }

    private void WriteProgress(SimulationSummary s, TimeSpan elapsed, bool final = false)
    {
        if (!rewriteProgressLine
            && (final ? s.Generated == _lastReportedCount
                      : _lastProgressLine is { } last && elapsed - last < RedirectedProgressInterval))
        {
            return;
        }

        _lastProgressLine = elapsed;
        _lastReportedCount = s.Generated;
        var rate = elapsed.TotalSeconds > 0 ? s.Generated / elapsed.TotalSeconds : 0;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"simulate: {s.Generated} events ({s.Gzip} gzip, {s.Malformed} malformed), {s.Accepted} accepted, {s.Failed} failed, {s.Batches} batches, {rate:F0}/s");
        if (rewriteProgressLine)
        {
            progress.Write($"\r{line}   ");
            if (final)
            {
                progress.WriteLine();
            }
        }
        else
        {
            progress.WriteLine(line);
        }

        progress.Flush();
    }
}

/// <summary>Running totals of a simulation.</summary>
internal sealed class SimulationSummary
{
    public long Generated { get; private set; }

    public long Gzip { get; private set; }

    public long Malformed { get; private set; }

    public long Accepted { get; private set; }

    public long Failed { get; private set; }

    public long Batches { get; private set; }

    public string? LastError { get; private set; }

    public TimeSpan Elapsed { get; set; }

    public SortedDictionary<string, long> ByKind { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, long> ByMalformation { get; } = new(StringComparer.Ordinal);

    public void Add(IReadOnlyList<SimulatedEvent> events)
    {
        foreach (var e in events)
        {
            Generated++;
            Gzip += e.IsGzip ? 1 : 0;
            ByKind[e.Kind] = ByKind.GetValueOrDefault(e.Kind) + 1;
            if (e.Malformation is { } m)
            {
                Malformed++;
                ByMalformation[m] = ByMalformation.GetValueOrDefault(m) + 1;
            }
        }
    }

    public void Add(SinkReport report)
    {
        Accepted += report.Accepted;
        Failed += report.Failed;
        Batches += report.Batches;
        LastError = report.LastError ?? LastError;
    }
}
