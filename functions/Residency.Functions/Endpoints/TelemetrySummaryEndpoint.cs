using Residency.Functions.Telemetry;
using Residency.Ingest.Telemetry;

namespace Residency.Functions.Endpoints;

/// <summary>
/// GET /telemetry/summary, in Development only: the ingest instruments summed by a MeterListener in this process, one
/// line each (counts, reason codes, durations; never an identifier), for local-run, bench and soak to print.
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
        app.MapGet(Route, () => Results.Text(string.Join('\n', summary.Lines()) + "\n", "text/plain"));
    }
}
