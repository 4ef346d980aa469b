using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Residency.Storage;
using Residency.Storage.Audit;
using Residency.Storage.Ledger;

namespace Residency.Reporting.Ledger;

/// <summary>
/// Reads one year of the audit ledger and nothing else: the day summaries (<c>days/{yyyy}/</c>), verification records
/// (<c>verifications/{yyyy}/</c>), deletion receipts (<c>deletions/{yyyy}/</c>) and access receipts
/// (<c>accesses/{yyyy}/</c>) of the days 1 January to <c>through</c>. Cost: four listings and one download per document,
/// O(days x partitions), never an event blob. Storage failures become <see cref="StorageUnavailableException"/> or
/// <see cref="RequestFailedException"/>, whose messages name no blob.
/// </summary>
public sealed partial class AuditLedgerReader(BlobServiceClient service, int maxConcurrency = 16)
{
    /// <summary>The access receipts' folder (written by the access-request verb; read when present).</summary>
    public const string AccessesRoot = "accesses/";

    private readonly BlobContainerClient _audit = service.GetBlobContainerClient(ResidencyContainers.Audit);

    /// <summary>
    /// Reads the period; hands every day summary to <paramref name="onSummary"/> as it is read (concurrently: the callee
    /// synchronizes), and returns the rest.
    /// </summary>
    public async Task<LedgerDocuments> ReadAsync(
        int year, DateOnly through, Action<DaySummary> onSummary, IProgress<LedgerProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onSummary);
        var unreadable = new ConcurrentBag<string>();
        var root = string.Create(CultureInfo.InvariantCulture, $"{year:D4}/");

        var summaryNames = await ListAsync(BlobLayout.DaysRoot + root, through, "day summaries", progress, cancellationToken).ConfigureAwait(false);
        await DownloadEachAsync(summaryNames, "day summaries", progress, (name, bytes) =>
        {
            var summary = DaySummary.Read(bytes.Span);
            if (summary.Name != name)
            {
                throw new FormatException("A summary not named as its day and partition.");
            }

            onSummary(summary);
        }, unreadable, cancellationToken).ConfigureAwait(false);

        var verifications = new ConcurrentBag<VerificationRead>();
        var verificationNames = await ListAsync(BlobLayout.VerificationsRoot + root, through, "verification records", progress, cancellationToken).ConfigureAwait(false);
        await DownloadEachAsync(verificationNames, "verification records", progress,
            (name, bytes) => verifications.Add(new VerificationRead(name, VerificationRecord.Read(bytes.Span))), unreadable, cancellationToken).ConfigureAwait(false);

        var deletions = new ConcurrentBag<SubjectRequest>();
        var deletionNames = await ListAsync(BlobLayout.ReceiptsRoot + root, through, "deletion receipts", progress, cancellationToken).ConfigureAwait(false);
        await DownloadEachAsync(deletionNames, "deletion receipts", progress,
            (name, bytes) => deletions.Add(SubjectRequest.FromDeletion(name, bytes.Span)), unreadable, cancellationToken).ConfigureAwait(false);

        var accesses = new ConcurrentBag<SubjectRequest>();
        var accessNames = await ListAsync(AccessesRoot + root, through, "access receipts", progress, cancellationToken).ConfigureAwait(false);
        await DownloadEachAsync(accessNames, "access receipts", progress,
            (name, bytes) => accesses.Add(SubjectRequest.FromAccess(name, bytes.Span)), unreadable, cancellationToken).ConfigureAwait(false);

        return new LedgerDocuments(
            summaryNames.Count,
            verifications.OrderBy(v => v.Name, StringComparer.Ordinal).ToList(),
            deletions.OrderBy(d => d.Name, StringComparer.Ordinal).ToList(),
            accesses.OrderBy(a => a.Name, StringComparer.Ordinal).ToList(),
            unreadable.Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>The day a ledger document's name places it on (<c>{root}/{yyyy}/{MM}/{dd}/...</c>), or null.</summary>
    public static DateOnly? DayOf(string name)
    {
        var match = DayFolder().Match(name ?? string.Empty);
        return match.Success && DateOnly.TryParseExact(match.Groups["day"].Value, "yyyy'/'MM'/'dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : null;
    }

    private async Task<List<string>> ListAsync(
        string prefix, DateOnly through, string stage, IProgress<LedgerProgress>? progress, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await Guarded("list blobs", async () =>
        {
            await foreach (var item in _audit.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken).ConfigureAwait(false))
            {
                if (DayOf(item.Name) is { } day && day <= through)
                {
                    names.Add(item.Name);
                }
            }

            return 0;
        }).ConfigureAwait(false);
        progress?.Report(new LedgerProgress("listed " + stage, names.Count, names.Count));
        return names;
    }

    private async Task DownloadEachAsync(
        List<string> names, string stage, IProgress<LedgerProgress>? progress, Action<string, ReadOnlyMemory<byte>> read,
        ConcurrentBag<string> unreadable, CancellationToken cancellationToken)
    {
        var done = 0;
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = maxConcurrency, CancellationToken = cancellationToken }, async (name, ct) =>
        {
            var content = await Guarded("read blob", async () => (await _audit.GetBlobClient(name).DownloadContentAsync(ct).ConfigureAwait(false)).Value.Content)
                .ConfigureAwait(false);
            try
            {
                read(name, content.ToMemory());
            }
            catch (FormatException)
            {
                unreadable.Add(name);
            }

            progress?.Report(new LedgerProgress("read " + stage, Interlocked.Increment(ref done), names.Count));
        }).ConfigureAwait(false);
    }

    // Failures that are not the data's fault, as the store reports them: the message names the operation and container only.
    private async Task<T> Guarded<T>(string operation, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 0 or 401 or 403 or 408 or 429 or >= 500 || e.ErrorCode == "ContainerNotFound")
        {
            throw new StorageUnavailableException(
                $"Blob storage is unavailable: {operation} in container '{_audit.Name}' failed with status {e.Status}.", e)
            { Status = e.Status, ErrorCode = e.ErrorCode };
        }
        catch (AggregateException e)
        {
            throw new StorageUnavailableException(
                $"Blob storage is unavailable: {operation} in container '{_audit.Name}' failed after {e.InnerExceptions.Count} attempts.", e);
        }
    }

    [GeneratedRegex(@"^[a-z]+/(?<day>\d{4}/\d{2}/\d{2})/[^/]+\.json$", RegexOptions.CultureInvariant)]
    private static partial Regex DayFolder();
}
