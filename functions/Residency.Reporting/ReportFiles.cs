using Residency.Reporting.Model;
using Residency.Reporting.Rendering;

namespace Residency.Reporting;

/// <summary>Writes a report's files into a folder: report.json and report.html (the PDF is printed from the page by the CLI).</summary>
public static class ReportFiles
{
    /// <summary>The machine-readable report.</summary>
    public const string Json = "report.json";

    /// <summary>The page.</summary>
    public const string Html = "report.html";

    /// <summary>The page printed.</summary>
    public const string Pdf = "report.pdf";

    /// <summary>Writes report.json and report.html into <paramref name="folder"/> (created when missing); returns their paths.</summary>
    public static async Task<(string Json, string Html)> WriteAsync(AnnualReport report, string folder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(folder);
        var json = Path.Combine(folder, Json);
        var html = Path.Combine(folder, Html);
        await File.WriteAllBytesAsync(json, ReportJson.Write(report), cancellationToken).ConfigureAwait(false);
        await File.WriteAllBytesAsync(html, HtmlReport.Write(report), cancellationToken).ConfigureAwait(false);
        return (json, html);
    }
}
