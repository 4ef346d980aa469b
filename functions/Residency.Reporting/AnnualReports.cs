using Azure.Storage.Blobs;
using Residency.Reporting.Building;
using Residency.Reporting.Calendar;
using Residency.Reporting.Facts;
using Residency.Reporting.Infra;
using Residency.Reporting.Ledger;
using Residency.Reporting.Model;

namespace Residency.Reporting;

/// <summary>
/// The annual report from an account: read the year's ledger (<see cref="AuditLedgerReader"/>, never event data) and
/// build (<see cref="AnnualReportBuilder"/>). The command, the local run and the tests call this.
/// </summary>
public static class AnnualReports
{
    /// <summary>Reads and builds; <paramref name="region"/> is the one the client's RegionGuard checked.</summary>
    public static async Task<AnnualReport> CreateAsync(
        BlobServiceClient service, string region, int year, DateOnly through, bool draft, ReportFacts facts, string factsFile,
        ArmParameters? parameters, StatutoryCalendar calendar, DateTimeOffset now, IProgress<LedgerProgress>? progress = null,
        int maxConcurrency = 16, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(calendar);
        calendar.EnsureYear(year);
        var totals = new LedgerTotals(year);
        var documents = await new AuditLedgerReader(service, maxConcurrency).ReadAsync(year, through, totals.Add, progress, cancellationToken)
            .ConfigureAwait(false);
        var account = service.Uri.IsLoopback ? $"{service.Uri.Authority} (development)" : service.Uri.Host;
        return AnnualReportBuilder.Build(new AnnualReportInput(
            year, through, draft, account, region, now, totals, documents, facts, factsFile, parameters, calendar));
    }
}
