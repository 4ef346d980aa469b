using Residency.Development;

namespace Residency.Cli.LocalRun;

/// <summary>The handler's telemetry in a local run: the OTLP collector to export to, and the summary of its instruments.</summary>
internal static class LocalTelemetry
{
    /// <summary>The collector URL of <c>--otlp</c>, or null when absent or not an absolute http(s) URL.</summary>
    public static Uri? ParseCollector(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;

    /// <summary>The handler settings for <c>--otlp URL</c> (the handler's start-up guard refuses endpoints outside Azure China and loopback).</summary>
    public static Dictionary<string, string>? Settings(Uri? otlp) =>
        otlp is null ? null : new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp.AbsoluteUri };

    /// <summary>Prints the summary the handler's MeterListener holds (the instruments production exports).</summary>
    public static async Task PrintAsync(HandlerLauncher handler, TextWriter output, CancellationToken cancellationToken)
    {
        var lines = await handler.GetTelemetrySummaryAsync(cancellationToken);
        await output.WriteLineAsync("  metrics (the handler's instruments, docs/operations.md):");
        foreach (var line in lines)
        {
            await output.WriteLineAsync("    " + line);
        }
    }
}
