using Residency.Reporting.Calendar;
using Residency.Reporting.Facts;
using Residency.Testing;

namespace Residency.Reporting.Tests;

/// <summary>
/// The 2026 scenario and its report, made once per test run and shared by the tests that read them (the ledger is
/// account-wide: one scenario per year per Azurite).
/// </summary>
internal sealed class ScenarioReport
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static ScenarioReport? _made;

    private ScenarioReport(LedgerScenario scenario, string folder)
    {
        Scenario = scenario;
        Folder = folder;
    }

    public LedgerScenario Scenario { get; }

    /// <summary>Where report.json and report.html are.</summary>
    public string Folder { get; }

    public string Json => Path.Combine(Folder, ReportFiles.Json);

    public string Html => Path.Combine(Folder, ReportFiles.Html);

    public static async Task<ScenarioReport> GetAsync(AzuriteFixture azurite)
    {
        await Gate.WaitAsync();
        try
        {
            if (_made is null)
            {
                var scenario = await LedgerScenario.CreateAsync(azurite, 2026);
                var report = await AnnualReports.CreateAsync(azurite.CreateClient(), "chinanorth3", 2026, new DateOnly(2026, 12, 15), draft: false,
                    FactsFile.Load(FactsFileTests.Example), "facts.example.json", null, StatutoryCalendar.Load(), DateTimeOffset.UtcNow);
                var folder = Path.Combine(AppContext.BaseDirectory, "report-artifacts");
                await ReportFiles.WriteAsync(report, folder);
                _made = new ScenarioReport(scenario, folder);
            }

            return _made;
        }
        finally
        {
            Gate.Release();
        }
    }
}
