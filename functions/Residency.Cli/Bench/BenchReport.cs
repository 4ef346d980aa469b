using System.Globalization;
using System.Text;

namespace Residency.Cli.Bench;

/// <summary>
/// Prints the benchmark: one table row per host batch size, then ratios against the first row (what a noisy machine
/// can still compare within one run), then what each row's requests went to.
/// </summary>
internal static class BenchReport
{
    public static string Format(IReadOnlyList<BenchRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| host batch | events | batches | end to end | events/s | storage requests | per 1,000 events | floor requests | floor | end to end / floor | handler CPU per 1,000 events | handler JIT time per 1,000 events (warm-up) | handler peak working set |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            text.AppendLine(Invariant(
                $"| {row.BatchSize:N0} | {row.Events:N0} | {row.Batches:N0} | {row.Elapsed.TotalSeconds:F2} s | {row.EventsPerSecond:N0} | {row.StorageRequests:N0} | {row.RequestsPerThousandEvents:F1} | {row.Floor.Requests:N0} | {row.Floor.Elapsed.TotalSeconds:F2} s | {row.EndToEndOverFloor:F1} | {row.HandlerCpuMsPerThousandEvents:N0} ms | {Milliseconds(row.HandlerCompilationMsPerThousandEvents)} | {Megabytes(row.PeakWorkingSet)} |"));
        }

        var first = rows[0];
        foreach (var row in rows.Skip(1))
        {
            text.AppendLine(Invariant(
                $"ratio batch {row.BatchSize:N0} / batch {first.BatchSize:N0}: events/s {row.EventsPerSecond / first.EventsPerSecond:F2}x, storage requests per event {Ratio(row.RequestsPerThousandEvents, first.RequestsPerThousandEvents)}x, handler CPU per event {Ratio(row.HandlerCpuMsPerThousandEvents, first.HandlerCpuMsPerThousandEvents)}x, end to end / floor {first.EndToEndOverFloor:F1} -> {row.EndToEndOverFloor:F1}"));
        }

        foreach (var row in rows)
        {
            text.AppendLine(
                Invariant($"batch {row.BatchSize:N0}: {row.Accounted:N0} of {row.Events:N0} events accounted for, {row.FailedBatches} failed batches, ") +
                Invariant($"audit verify {(row.Audit.IsClean ? "clean" : $"{row.Audit.Problems.Count} problem(s)")}; ") +
                Invariant($"requests {row.StorageRequests:N0} = {row.BatchRequests:N0} for {row.Batches:N0} batches ({(double)row.BatchRequests / Math.Max(row.Batches, 1):F2} per batch; ") +
                Invariant($"budget {row.BatchBudget:N0}: levels touched + 3 per batch, one head read per partition) + {row.Markers:N0} index markers + {row.Quarantined:N0} quarantine entries; ") +
                Invariant($"floor {row.Floor.Blobs:N0} blobs, {row.Floor.Bytes / 1024.0 / 1024.0:F1} MB; host emulator CPU {row.HostCpuMsPerThousandEvents:N0} ms per 1,000 events"));
        }

        return text.ToString();
    }

    /// <summary>The first line: what was run, where, and how busy the machine was.</summary>
    public static string Header(BenchSettings settings, double meanUploadBytes, string? azurite, string loadAtStart, string loadAtEnd) =>
        Invariant($"bench: {settings.Events:N0} events per row from {settings.Vehicles:N0} vehicles ({Percent(settings.MalformedShare)} malformed, {Percent(settings.GzipShare)} gzip, mean upload {meanUploadBytes:N0} bytes, seed {settings.Seed}), ") + Invariant(
        $"{settings.Partitions} partitions, handler {HandlerPathOption.Describe(settings.HandlerPath)} with MaxConcurrency {settings.MaxConcurrency}; {Environment.ProcessorCount} cores, load average {loadAtStart} at start, {loadAtEnd} at end; Azurite: {azurite ?? "none"}");

    private static string Milliseconds(double? value) => value is { } ms ? Invariant($"{ms:N0} ms") : "n/a";

    private static string Percent(double share) => Invariant($"{share * 100:0.##}%");

    private static string Ratio(double value, double baseline) => baseline > 0 ? Invariant($"{value / baseline:F2}") : "-";

    private static string Megabytes(long? bytes) => bytes is { } b ? Invariant($"{b / 1024.0 / 1024.0:N0} MB") : "n/a";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
