using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Residency.Storage.Batches;
using Residency.Storage.Clients;

namespace Residency.Storage.Ledger;

/// <summary>
/// Writes what a partition head holds for the write-once audit container: the last commit record and the day
/// summaries sealed into it. Whoever finds one missing writes it (create-only; a 409 with the same bytes means someone
/// did), so a crash between the head's advance and these writes loses nothing. Remembers per partition what is known
/// written, so a steady partition costs no request for it.
/// </summary>
internal sealed class LedgerWriter(BlobServiceClient service, StorageCalls calls)
{
    private readonly BlobContainerClient _audit = service.GetBlobContainerClient(ResidencyContainers.Audit);

    // Per partition: the name of the last commit record, and the last day summary, known to be in the audit container.
    private readonly ConcurrentDictionary<string, string> _recordWritten = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateOnly> _summaryWritten = new(StringComparer.Ordinal);

    /// <summary>True when the sealed summary is known to be in the audit container (summaries are written in day order).</summary>
    public bool IsWritten(DaySummary summary) =>
        _summaryWritten.TryGetValue(summary.Totals.PartitionId, out var day) && summary.Day <= day;

    /// <summary>Writes the head's last commit record and its sealed summaries, oldest first, unless known written.</summary>
    public async Task EnsureWrittenAsync(PartitionHead head, CancellationToken cancellationToken)
    {
        if (head.LastCommit is { } record
            && !(_recordWritten.TryGetValue(head.PartitionId, out var name) && name == record.Name))
        {
            await CreateOnceAsync(record.Name, record.ToUtf8Json(), Tags("commit", record.PartitionId, record.Date, record.PolicySha256, record.Region,
                    ("first", D20(record.First)), ("last", D20(record.Last))),
                $"commit record for partition {record.PartitionId} sequence numbers {record.First}-{record.Last}", cancellationToken).ConfigureAwait(false);
            _recordWritten[head.PartitionId] = record.Name;
        }

        foreach (var summary in head.Ledger.Closing.Where(s => !IsWritten(s)))
        {
            await CreateOnceAsync(summary.Name, summary.ToUtf8Json(), Tags("day", summary.Totals.PartitionId, summary.Day, null, null),
                $"day summary for partition {summary.Totals.PartitionId} day {ChinaDay.Format(summary.Day)}", cancellationToken).ConfigureAwait(false);
            _summaryWritten[summary.Totals.PartitionId] = summary.Day;
        }
    }

    /// <summary>The deletion receipts completed on each of <paramref name="days"/> (one listing per day; names and SHA-256 from metadata).</summary>
    public async Task<Func<DateOnly, IReadOnlyList<ReceiptRef>>> ReceiptsAsync(IReadOnlyList<DateOnly> days, CancellationToken cancellationToken)
    {
        var byDay = new Dictionary<DateOnly, IReadOnlyList<ReceiptRef>>();
        foreach (var day in days)
        {
            var receipts = new List<ReceiptRef>();
            await foreach (var item in calls.ListAsync(_audit, BlobLayout.ReceiptsPrefix(day), BlobTraits.Metadata, cancellationToken).ConfigureAwait(false))
            {
                receipts.Add(new ReceiptRef(item.Name, (item.Metadata.TryGetValue(LevelBlobMetadata.Sha256, out var sha256) ? sha256 : string.Empty)));
            }

            byDay[day] = receipts;
        }

        return day => byDay.TryGetValue(day, out var receipts) ? receipts : [];
    }

    private async Task CreateOnceAsync(string name, byte[] content, Dictionary<string, string> tags, string what, CancellationToken cancellationToken)
    {
        var blob = _audit.GetBlobClient(name);
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            Metadata = new Dictionary<string, string>(StringComparer.Ordinal) { [LevelBlobMetadata.Sha256] = QuarantineDocument.Sha256Hex(content) },
            Tags = tags,
        };
        try
        {
            await calls.RunAsync("write audit record", _audit.Name, ct => blob.UploadAsync(BinaryData.FromBytes(content), options, ct), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var stored = await calls.RunAsync("read audit record", _audit.Name, ct => blob.DownloadContentAsync(ct), cancellationToken).ConfigureAwait(false);
            if (!stored.Value.Content.ToMemory().Span.SequenceEqual(content))
            {
                // Only a reset head can produce a second, different record of the same name: stop rather than write past it.
                throw new InvalidOperationException($"The audit container already holds a different {what}; was the partition head removed?");
            }
        }
    }

    private static Dictionary<string, string> Tags(
        string category, string partitionId, DateOnly day, string? policy, string? region, params (string Key, string Value)[] more)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["category"] = category,
            ["partition"] = partitionId,
            ["date"] = ChinaDay.Format(day),
        };
        if (policy is not null)
        {
            tags["policy"] = policy;
        }

        if (region is not null)
        {
            tags["region"] = region;
        }

        foreach (var (key, value) in more)
        {
            tags[key] = value;
        }

        return tags;
    }

    private static string D20(long value) => value.ToString("D20", CultureInfo.InvariantCulture);
}
