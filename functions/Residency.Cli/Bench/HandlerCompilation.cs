using System.Globalization;
using System.Text.RegularExpressions;
using Residency.Development;

namespace Residency.Cli.Bench;

/// <summary>
/// The time the handler has spent compiling methods so far, from the last line of its Development telemetry summary
/// (the runtime's own JIT clock, which counts elapsed time inside the JIT, not CPU). A row's delta is its warm-up, as
/// opposed to its work per event.
/// </summary>
internal static partial class HandlerCompilation
{
    /// <summary>The handler's compile time so far, or null when it serves no summary (telemetry off).</summary>
    public static async Task<TimeSpan?> ReadAsync(HandlerLauncher handler, CancellationToken cancellationToken) =>
        Parse(await handler.GetTelemetrySummaryAsync(cancellationToken));

    /// <summary>Reads the line <c>dotnet.jit.compilation.time: 1234 ms, 5678 methods</c>.</summary>
    internal static TimeSpan? Parse(IEnumerable<string> summary)
    {
        foreach (var line in summary)
        {
            var match = JitLine().Match(line);
            if (match.Success)
            {
                return TimeSpan.FromMilliseconds(double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
            }
        }

        return null;
    }

    [GeneratedRegex(@"^dotnet\.jit\.compilation\.time: (\d+) ms, \d+ methods$")]
    private static partial Regex JitLine();
}
