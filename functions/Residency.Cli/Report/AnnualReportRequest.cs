namespace Residency.Cli.Report;

/// <summary>What <c>residency report annual</c> is asked for (the local run builds one too).</summary>
/// <param name="Year">The year reported.</param>
/// <param name="Through">The last day (default 15 December of the year).</param>
/// <param name="FactsFile">The facts file (residency-report-facts/1).</param>
/// <param name="OutputFolder">Where report.json, report.html and report.pdf go.</param>
/// <param name="Draft">True to allow missing items (exit 0 with "to be completed" on the page).</param>
/// <param name="ParametersFile">A compiled ARM parameters file, or null.</param>
/// <param name="CalendarFolder">A folder of extra calendar files, or null (then <c>RESIDENCY_CALENDAR_DIR</c>).</param>
/// <param name="Chromium">The Chromium executable, or null (then <c>RESIDENCY_CHROMIUM</c>, then PATH).</param>
/// <param name="MaxConcurrency">Ledger downloads in flight.</param>
internal sealed record AnnualReportRequest(
    int Year, DateOnly? Through, string FactsFile, string OutputFolder, bool Draft, string? ParametersFile, string? CalendarFolder, string? Chromium,
    int MaxConcurrency = 32)
{
    /// <summary>The day asked for, defaulting to 15 December (the report is due before then).</summary>
    public DateOnly LastDay => Through ?? new DateOnly(Year, 12, 15);
}
