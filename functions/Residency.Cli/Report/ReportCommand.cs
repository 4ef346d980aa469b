using System.CommandLine;
using System.Globalization;
using Residency.Cli.Storage;
using Residency.Reporting.Calendar;

namespace Residency.Cli.Report;

/// <summary>
/// <c>residency report annual --year Y [--through DAY] --facts FILE --out DIR [--draft] [--parameters FILE] [--calendar DIR]
/// [--chromium PATH] [storage options]</c>: the annual automotive data security report from the audit ledger (docs/report.md).
/// </summary>
internal static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("report", "Reports to the regulators, made from the audit ledger alone.");
        command.Subcommands.Add(CreateAnnual(context));
        return command;
    }

    private static Command CreateAnnual(CliContext context)
    {
        var storage = new StorageTarget(context);
        var year = new Option<int>("--year") { Description = "The year reported.", Required = true }.Within(2021, 2100);
        var through = new Option<DateOnly?>("--through")
        {
            Description = "The last day reported, yyyy-MM-dd (default: 15 December of the year; the report is due before then).",
            CustomParser = result =>
            {
                if (DateOnly.TryParseExact(result.Tokens.Single().Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                {
                    return day;
                }

                result.AddError("--through must be a day written yyyy-MM-dd.");
                return null;
            },
        };
        var facts = new Option<string>("--facts") { Description = "The facts file (residency-report-facts/1; samples/report/facts.example.json).", Required = true };
        var output = new Option<string>("--out") { Description = "The folder report.json, report.html and report.pdf are written to.", Required = true };
        var draft = new Option<bool>("--draft") { Description = "Write the report with missing items marked \"to be completed\" and exit 0." };
        var parameters = new Option<string?>("--parameters")
        {
            Description = "A compiled ARM parameters file (bicep build-params infra/main.prod.bicepparam): region and retention come from it.",
        };
        var calendar = new Option<string?>("--calendar")
        {
            Description = $"A folder of extra statutory calendar files cn-{{yyyy}}.json (default: {StatutoryCalendar.FolderVariable}).",
        };
        var chromium = new Option<string?>("--chromium") { Description = $"The Chromium that prints report.pdf (default: {ChromiumLocator.Variable}, then chromium on PATH)." };
        var concurrency = new Option<int>("--max-concurrency") { Description = "Ledger documents read at once.", DefaultValueFactory = _ => 32 }.Within(1, 64);
        var command = new Command("annual",
            "The annual automotive data security report (Provisions Art. 13, 14; Network Data Regulations Art. 33) from the audit ledger and a facts file: " +
            "report.json, report.html, report.pdf (exit 0 written, 1 ledger incomplete or failure, 2 usage, 3 missing items without --draft, " +
            "invalid facts, or no calendar for the year).");
        storage.AddTo(command);
        foreach (var option in new Option[] { year, through, facts, output, draft, parameters, calendar, chromium, concurrency })
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            // From the tokens: a value that did not parse has its own error, and reading it would throw.
            if (result.GetResult(through)?.Tokens is [var dayToken] && result.GetResult(year)?.Tokens is [var yearToken]
                && DateOnly.TryParseExact(dayToken.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                && int.TryParse(yearToken.Value, CultureInfo.InvariantCulture, out var asked) && day.Year != asked)
            {
                result.AddError("--through must be a day of --year.");
            }
        });
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var request = new AnnualReportRequest(parse.GetValue(year), parse.GetValue(through), parse.GetValue(facts)!, parse.GetValue(output)!,
                parse.GetValue(draft), parse.GetValue(parameters), parse.GetValue(calendar), parse.GetValue(chromium), parse.GetValue(concurrency));
            var client = storage.Connect(parse);
            return await AnnualReportCommand.WriteAsync(request, client, storage.Settings(parse).NormalizedRegion, context,
                parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken);
        });
        return command;
    }
}
