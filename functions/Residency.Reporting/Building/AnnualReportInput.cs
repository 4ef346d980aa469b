using Residency.Reporting.Calendar;
using Residency.Reporting.Facts;
using Residency.Reporting.Infra;
using Residency.Reporting.Ledger;

namespace Residency.Reporting.Building;

/// <summary>Everything a report is built from: the period, the account read, the ledger as read, the facts and the calendar.</summary>
/// <param name="Year">The year.</param>
/// <param name="Through">The last day asked for.</param>
/// <param name="Draft">True when missing items are allowed.</param>
/// <param name="Account">The blob endpoint's host (no key, no query).</param>
/// <param name="Region">The region the RegionGuard checked.</param>
/// <param name="GeneratedAt">When the report is made.</param>
/// <param name="Totals">The day summaries folded.</param>
/// <param name="Documents">The other ledger documents.</param>
/// <param name="Facts">The facts file as read.</param>
/// <param name="FactsFile">The facts file's name and SHA-256, for citing.</param>
/// <param name="Parameters">The compiled ARM parameters, when given.</param>
/// <param name="Calendar">The statutory calendar.</param>
public sealed record AnnualReportInput(
    int Year, DateOnly Through, bool Draft, string Account, string Region, DateTimeOffset GeneratedAt,
    LedgerTotals Totals, LedgerDocuments Documents, ReportFacts Facts, string FactsFile, ArmParameters? Parameters, StatutoryCalendar Calendar);
