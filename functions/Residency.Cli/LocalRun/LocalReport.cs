using Azure.Storage.Blobs;
using Residency.Cli.Report;
using Residency.Development;

namespace Residency.Cli.LocalRun;

/// <summary><c>local-run --report</c>: the annual report of the run's own ledger, through today, with the example facts file.</summary>
internal static class LocalReport
{
    /// <summary>The example facts every checkout has (samples/report).</summary>
    public static string ExampleFacts =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(BuildPaths.NodeTools.TrimEnd('/', '\\')))!, "samples", "report", "facts.example.json");

    /// <summary>Writes the report; true when it exited 0 (complete ledger, every facts item, quality checks passed).</summary>
    public static async Task<bool> WriteAsync(
        BlobServiceClient blobs, DateOnly today, string folder, CliContext context, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync($"  annual report of this run's ledger ({today.Year}, through {today:yyyy-MM-dd}, facts from {ExampleFacts}):");
        var request = new AnnualReportRequest(today.Year, today, ExampleFacts, Path.GetFullPath(folder), Draft: false, ParametersFile: null,
            CalendarFolder: null, Chromium: null);
        var exitCode = await AnnualReportCommand.WriteAsync(request, blobs, "chinanorth3", context, output, error, cancellationToken);
        return exitCode == ExitCodes.Success;
    }
}
