using System.Globalization;
using Azure.Storage.Blobs;
using Residency.Storage;
using Residency.Storage.Audit;
using Residency.Storage.Ledger;

namespace Residency.Cli.LocalRun;

/// <summary>
/// What the local run shows of the day ledger: the day summaries it sealed (one per partition, chained to the day
/// before), and <c>audit verify</c> run day by day as an operator would.
/// </summary>
internal static class LedgerReport
{
    public static async Task<bool> PrintAsync(BlobServiceClient blobs, DateOnly firstDay, DateOnly lastDay, TextWriter output, CancellationToken cancellationToken)
    {
        var audit = blobs.GetBlobContainerClient(ResidencyContainers.Audit);
        var clean = true;
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            var summaries = new List<DaySummary>();
            await foreach (var item in audit.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = BlobLayout.DaySummaryPrefix(day) }, cancellationToken))
            {
                var content = await audit.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken);
                summaries.Add(DaySummary.Read(content.Value.Content.ToMemory().Span));
            }

            foreach (var summary in summaries.OrderBy(s => s.Totals.PartitionId, StringComparer.Ordinal))
            {
                var t = summary.Totals;
                var vehicles = t.VehiclesByLevel.TryGetValue("personal", out var sketch) ? sketch.Estimate() : 0;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    sealed {ChinaDay.Format(day)} partition {t.PartitionId}: {t.Events} events ({t.Stored} stored, {t.Quarantined} quarantined) in {t.Commits} commits, " +
                    $"~{vehicles:F0} vehicles, {(summary.Previous is null ? "chain start" : "chained to " + ChinaDay.Format(summary.Previous.Day))}, {summary.Name}"));
            }

            // As `audit verify --day` does: the verification records are what the annual report cites.
            var verifier = new AuditVerifier(blobs);
            var scope = new AuditScope { From = day };
            var started = DateTimeOffset.UtcNow;
            var report = await verifier.VerifyAsync(scope, cancellationToken: cancellationToken);
            await verifier.RecordAsync(VerificationRecord.Of(report, scope, BlobLayout.NewAttemptId(), started, DateTimeOffset.UtcNow, "local-run"), cancellationToken);
            clean &= report.IsClean;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  audit verify --day {ChinaDay.Format(day)}: {(report.IsClean ? "clean" : $"{report.Problems.Count} problem(s)")}, " +
                $"{report.SealedDays} partition(s) sealed, {report.OpenDays} still open, {report.Commits} commits, {report.SequenceNumbers} sequence numbers"));
            foreach (var problem in report.Problems.Take(10))
            {
                output.WriteLine($"    {problem.Kind} partition {problem.PartitionId}: {problem.Detail}");
            }
        }

        return clean;
    }
}
