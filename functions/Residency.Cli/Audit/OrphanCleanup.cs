using System.Globalization;
using Azure.Storage.Blobs;
using Residency.Storage.Audit;

namespace Residency.Cli.Audit;

/// <summary>
/// <c>--delete-orphans</c>: lists the orphans a verification found (blobs of superseded attempts that no commit or
/// announced attempt names); with <c>--yes</c> deletes them and writes a receipt to the audit container.
/// </summary>
internal static class OrphanCleanup
{
    public static async Task RunAsync(BlobServiceClient client, AuditReport report, bool delete, CliContext context, TextWriter output, CancellationToken cancellationToken)
    {
        var orphans = report.Problems.Where(p => p.Kind == AuditProblemKind.Orphan && p.Blob is not null).Select(p => p.Blob!).ToList();
        if (!delete)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"orphans: {orphans.Count} blob(s) of superseded attempts; add --yes to delete them (a receipt is written to the audit container)."));
            return;
        }

        var receipt = await new OrphanRemover(client, context.Time).DeleteAsync(orphans, cancellationToken);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"orphans: {receipt.Deleted.Count} blob(s) deleted; receipt vehicle-audit/{receipt.Name}"));
    }
}
