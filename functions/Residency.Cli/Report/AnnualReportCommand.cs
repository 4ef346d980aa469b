using System.Globalization;
using Azure.Storage.Blobs;
using Microsoft.Playwright;
using Residency.Reporting;
using Residency.Reporting.Calendar;
using Residency.Reporting.Facts;
using Residency.Reporting.Infra;
using Residency.Reporting.Ledger;
using Residency.Reporting.Model;

namespace Residency.Cli.Report;

/// <summary>
/// Writes the annual report of a year into a folder: report.json, report.html and, where a Chromium is found,
/// report.pdf. The verb and the local run call <see cref="WriteAsync"/>. Exit codes (docs/report.md): 0 written;
/// 1 the ledger is incomplete (a partition-day without a summary, an unreadable document) or a quality check failed
/// (the files are written all the same), or the PDF could not be printed; 3 an item is missing without --draft (files
/// written), or the facts, a calendar or the parameters file are invalid, or no calendar covers the year (nothing written).
/// When both 1 and 3 apply, 1.
/// </summary>
internal static class AnnualReportCommand
{
    /// <summary>Reads the inputs and the ledger, writes the files, prints a summary; returns the exit code.</summary>
    public static async Task<int> WriteAsync(
        AnnualReportRequest request, BlobServiceClient service, string region, CliContext context, TextWriter output, TextWriter error,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var calendar = LoadCalendar(request.CalendarFolder ?? context.Variable(StatutoryCalendar.FolderVariable), request.Year);
        var facts = LoadFacts(request.FactsFile);
        var parameters = LoadParameters(request.ParametersFile);
        var factsFile = $"{Path.GetFileName(request.FactsFile)} sha256 {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(request.FactsFile, cancellationToken)))}";

        var throttle = new ProgressThrottle(context.Time, TimeSpan.FromSeconds(2));
        var progress = new Progress<LedgerProgress>(p =>
        {
            if (throttle.Due(p.Done == p.Total))
            {
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"report: {p.Stage} {p.Done}/{p.Total}"));
            }
        });
        AnnualReport report;
        try
        {
            report = await AnnualReports.CreateAsync(service, region, request.Year, request.LastDay, request.Draft, facts, factsFile, parameters, calendar,
                context.Time.GetUtcNow(), progress, request.MaxConcurrency, cancellationToken);
        }
        catch (CalendarYearMissingException e)
        {
            // A request made or completed in a year without a calendar.
            throw CliException.InvalidInput(e.Message);
        }

        var (json, html) = await ReportFiles.WriteAsync(report, request.OutputFolder, cancellationToken);
        var written = new List<string> { json, html };
        var exitCode = ExitCodeOf(report);
        var chromium = ChromiumLocator.Find(request.Chromium, context);
        if (chromium is null)
        {
            await error.WriteLineAsync($"report: no Chromium found, so no {ReportFiles.Pdf}: {ChromiumLocator.HowToInstall}, then run again (or print {html} from a browser).");
        }
        else
        {
            var pdf = Path.Combine(request.OutputFolder, ReportFiles.Pdf);
            try
            {
                await PdfPrinter.PrintAsync(chromium, html, pdf, cancellationToken);
                written.Add(pdf);
            }
            catch (PlaywrightException e)
            {
                await error.WriteLineAsync(CliFailures.Error($"{ReportFiles.Pdf} could not be printed with {chromium}: {e.Message.Split('\n')[0]}"));
                exitCode = ExitCodes.Failure;
            }
        }

        await ReportSummary.PrintAsync(report, written, output, error);
        return exitCode;
    }

    /// <summary>1 for an incomplete ledger or a failed consistency check; 3 for missing items without --draft; else 0.</summary>
    public static int ExitCodeOf(AnnualReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.LedgerIncomplete || report.Checks.Any(c => !c.Passed && c.Id != "days-verified"))
        {
            return ExitCodes.Failure;
        }

        return report.MissingItems.Count > 0 && !report.Draft ? ExitCodes.InvalidInput : ExitCodes.Success;
    }

    private static StatutoryCalendar LoadCalendar(string? folder, int year)
    {
        if (folder is not null && !Directory.Exists(folder))
        {
            throw CliException.Usage($"the calendar folder {folder} does not exist.");
        }

        try
        {
            var calendar = StatutoryCalendar.Load(folder);
            calendar.EnsureYear(year);
            return calendar;
        }
        catch (CalendarException e)
        {
            throw CliException.InvalidInput(e.Message);
        }
    }

    private static ReportFacts LoadFacts(string path)
    {
        if (!File.Exists(path))
        {
            throw CliException.Usage($"the facts file {path} does not exist.");
        }

        try
        {
            return FactsFile.Load(path);
        }
        catch (FactsException e)
        {
            throw CliException.InvalidInput(e.Message);
        }
    }

    private static ArmParameters? LoadParameters(string? path)
    {
        if (path is null)
        {
            return null;
        }

        if (!File.Exists(path))
        {
            throw CliException.Usage($"the parameters file {path} does not exist.");
        }

        try
        {
            return ArmParameters.Load(path);
        }
        catch (FormatException e)
        {
            throw CliException.InvalidInput(e.Message);
        }
    }
}
