using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Residency.Ingest.Telemetry;

/// <summary>
/// The meter, the activity source and the instruments of <see cref="TelemetryNames"/>, created once per process.
/// Recording costs next to nothing while nothing listens (no exporter, no summary).
/// </summary>
public static class IngestTelemetry
{
    private static readonly Meter Meter = new(TelemetryNames.Meter);

    /// <summary>Spans of invocations and their decode, classify and commit children.</summary>
    public static ActivitySource Source { get; } = new(TelemetryNames.ActivitySource);

    internal static Counter<long> Events { get; } = Meter.CreateCounter<long>(TelemetryNames.Events, "{event}", "Events by outcome and level.");

    internal static Counter<long> Quarantine { get; } =
        Meter.CreateCounter<long>(TelemetryNames.Quarantine, "{event}", "Quarantined events and whole invocation requests by reason.");

    internal static Counter<long> StorageRequests { get; } =
        Meter.CreateCounter<long>(TelemetryNames.StorageRequests, "{request}", "Storage requests (every attempt) by operation and status.");

    /// <summary>Invocations not admitted on arrival.</summary>
    public static Counter<long> AdmissionRefusals { get; } =
        Meter.CreateCounter<long>(TelemetryNames.AdmissionRefusals, "{invocation}", "Invocations over a limit on arrival (queued) or given up while queued (abandoned).");

    /// <summary>How long an invocation took, by status code.</summary>
    public static Histogram<double> InvocationDuration { get; } =
        Meter.CreateHistogram(TelemetryNames.InvocationDuration, "ms", "Invocation duration.", advice: Buckets([5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 120000]));

    internal static Histogram<double> ClassificationDuration { get; } =
        Meter.CreateHistogram(TelemetryNames.ClassificationDuration, "ms", "Classification time of one event.", advice: Buckets([0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250]));

    internal static Histogram<double> StorageDuration { get; } =
        Meter.CreateHistogram(TelemetryNames.StorageDuration, "ms", "Storage request latency (one attempt).", advice: Buckets([1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000]));

    // Lag spans seconds to hours (a partition held by a storage outage): buckets up to a day.
    internal static Histogram<double> CommitLag { get; } =
        Meter.CreateHistogram(TelemetryNames.CommitLag, "ms", "Lag from an event's enqueued time to its commit.",
            advice: Buckets([100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 120000, 300000, 600000, 1800000, 3600000, 14400000, 86400000]));

    private static InstrumentAdvice<double> Buckets(double[] boundaries) => new() { HistogramBucketBoundaries = boundaries };
}
