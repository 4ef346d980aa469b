using System.Globalization;
using System.Runtime;
using Residency.Functions.Telemetry;
using Residency.Ingest.Telemetry;

namespace Residency.Functions.Endpoints;

/// <summary>
/// GET /telemetry/summary, in Development only: the ingest instruments summed by a MeterListener in this process, one
/// line each (counts, reason codes, durations; never an identifier), for local-run, bench and soak to print, and last the
/// time this process has spent compiling methods (<see cref="JitLine"/>), which bench uses to tell warm-up from work.
/// </summary>
internal static class TelemetrySummaryEndpoint
{
    public const string Route = "/telemetry/summary";

    public static void MapTelemetrySummary(this WebApplication app)
    {
        var export = app.Services.GetRequiredService<TelemetryExport>();
        if (!export.IsDevelopment || export.Disabled)
        {
            return;
        }

        var summary = app.Services.GetRequiredService<MetricsSummary>();
        app.MapGet(Route, () => Results.Text(string.Join('\n', [.. summary.Lines(), JitLine()]) + "\n", "text/plain"));
    }

    /// <summary>The JIT's total time on every thread of this process (first compilations and tiered recompilations).</summary>
    internal static string JitLine() => string.Create(
        CultureInfo.InvariantCulture, $"dotnet.jit.compilation.time: {JitInfo.GetCompilationTime().TotalMilliseconds:0} ms, {JitInfo.GetCompiledMethodCount()} methods");
}
