using System.Globalization;
using Residency.Reporting.Model;

namespace Residency.Cli.Report;

/// <summary>What the report found, on stdout; what is wrong with the ledger or missing, as warnings on stderr.</summary>
internal static class ReportSummary
{
    public static async Task PrintAsync(AnnualReport report, IReadOnlyList<string> written, TextWriter output, TextWriter error)
    {
        string Value(string id) => report.Figures.FirstOrDefault(f => f.Id == id) is { } f
            ? f.Display + (f.ErrorBound is { } b ? " ±" + Figure.Format(b) : string.Empty)
            : "0";
        var year = report.Year.ToString("D4", CultureInfo.InvariantCulture);
        var summaries = report.Sources.First(s => s.Id == "day-summaries").Documents;
        await output.WriteLineAsync(
            Invariant($"report annual {year}: {year}-01-01 to {Day(report.Through)} (last day in the ledger: {(report.LastDayWithData is { } d ? Day(d) : "none")}); ")
            + Invariant($"{summaries} day summaries of {report.Partitions.Count} partition(s), {Count(report, "verification-records")} verification record(s), ")
            + Invariant($"{Count(report, "deletion-receipts")} deletion and {Count(report, "access-receipts")} access receipt(s)"));
        await output.WriteLineAsync(
            $"  events {Value($"art13-2/events/all/{year}")} (stored {Value($"art13-2/stored-events/all/{year}")}, quarantined {Value($"art13-5/quarantined/all/{year}")}); " +
            $"vehicles with personal data ~{Value($"art13-2/vehicles/personal/{year}")}");
        await output.WriteLineAsync(
            $"  days verified: {Value($"art13-3/days-verified-full/all/{year}")} in full, {Value($"art13-3/days-verified-sample/all/{year}")} by sample, " +
            $"{Value($"art13-3/days-not-verified/all/{year}")} not; deletions over 10 working days: {Value($"rights/deletions-late/all/{year}")}");
        foreach (var check in report.Checks.Where(c => !c.Passed))
        {
            await error.WriteLineAsync($"warning: check {check.Id} failed: {check.Detail}");
        }

        if (report.MissingDays.Count > 0)
        {
            await error.WriteLineAsync(CliFailures.Error(Invariant(
                $"the ledger has {report.MissingDays.Count} partition-day(s) without a day summary (listed in the report, section 5); run audit verify for those days.")));
        }

        if (report.UnreadableDocuments.Count > 0)
        {
            await error.WriteLineAsync(CliFailures.Error(Invariant($"{report.UnreadableDocuments.Count} ledger document(s) are not what their names say (listed in the report).")));
        }

        if (report.MissingItems.Count > 0)
        {
            var line = $"{report.MissingItems.Count} item(s) to be completed in the facts file: {string.Join(", ", report.MissingItems)}";
            await error.WriteLineAsync(report.Draft ? "warning: " + line + " (draft)." : CliFailures.Error(line + " (or use --draft)."));
        }

        await output.WriteLineAsync("  wrote " + string.Join(", ", written));
    }

    private static int Count(AnnualReport report, string set) => report.Sources.First(s => s.Id == set).Documents;

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
