using Residency.Storage.Audit;

namespace Residency.Cli.Bench;

/// <summary>What one row (one host batch size) measured, and the figures derived from it.</summary>
internal sealed record BenchRow(
    int BatchSize,
    int Events,
    int Batches,
    int FailedBatches,
    int Accounted,
    int Surprises,
    TimeSpan Elapsed,
    long StorageRequests,
    long BatchBudget,
    int Markers,
    int Quarantined,
    TimeSpan HandlerCpu,
    TimeSpan? HandlerCompilationTime,
    TimeSpan HostCpu,
    long? PeakWorkingSet,
    FloorResult Floor,
    AuditReport Audit)
{
    public double EventsPerSecond => Events / Math.Max(Elapsed.TotalSeconds, 1e-6);

    public double RequestsPerThousandEvents => StorageRequests * 1000.0 / Math.Max(Events, 1);

    public double EndToEndOverFloor => Elapsed.TotalSeconds / Math.Max(Floor.Elapsed.TotalSeconds, 1e-6);

    public double HandlerCpuMsPerThousandEvents => HandlerCpu.TotalMilliseconds * 1000.0 / Math.Max(Events, 1);

    /// <summary>
    /// The handler's time in the JIT per 1,000 events (warm-up, not work per event), or null when the handler does not say. It is
    /// the runtime's clock inside the JIT, not CPU time: on a loaded machine it runs on while the compiling thread waits.
    /// </summary>
    public double? HandlerCompilationMsPerThousandEvents => HandlerCompilationTime?.TotalMilliseconds * 1000.0 / Math.Max(Events, 1);

    public double HostCpuMsPerThousandEvents => HostCpu.TotalMilliseconds * 1000.0 / Math.Max(Events, 1);

    /// <summary>Requests beyond index markers and quarantine entries: what the batch layout costs per batch.</summary>
    public long BatchRequests => StorageRequests - Markers - Quarantined;

    /// <summary>True when every event was accounted for, nothing surprised, and the ledger verifies clean.</summary>
    public bool IsSound => FailedBatches == 0 && Accounted == Events && Surprises == 0 && Audit.IsClean;
}
