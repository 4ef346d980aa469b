using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Residency.Storage.Batches;
using Residency.Storage.Clients;
using Residency.Storage.Ledger;
using Residency.Storage.Subjects;

namespace Residency.Storage.Audit;

/// <summary>
/// <c>residency audit verify</c> (docs/storage.md, "audit verify"): the ledger checked day by day. Each partition's
/// China Standard Time day is verified on its own prefixes (<see cref="DayVerification"/>), many at once: its summary
/// against its commit records and receipts, the chain of summaries, sequence numbers covered exactly once inside the
/// day and at its edges, every blob (or a sample) with the SHA-256 recorded (or the one a deletion receipt gave it),
/// and no blob of the day named by no commit. Without days, every day the ledger holds is verified. Read-only.
/// </summary>
public sealed class AuditVerifier
{
    private readonly AuditReader _reader;

    /// <summary>Creates the verifier on the residency account's client, with at most <paramref name="maxRequests"/> requests in flight.</summary>
    public AuditVerifier(BlobServiceClient service, int maxRequests = 16)
    {
        ArgumentNullException.ThrowIfNull(service);
        _reader = new AuditReader(service, new StorageCalls(maxRequests));
    }

    /// <summary>Verifies every day of every partition, or only <paramref name="partitions"/> when given.</summary>
    public Task<AuditReport> VerifyAsync(
        IReadOnlyCollection<string>? partitions = null, IProgress<AuditProgress>? progress = null, CancellationToken cancellationToken = default) =>
        VerifyAsync(AuditScope.Everything with { Partitions = partitions }, progress, cancellationToken);

    /// <summary>Verifies the days and partitions of <paramref name="scope"/>.</summary>
    public async Task<AuditReport> VerifyAsync(AuditScope scope, IProgress<AuditProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var problems = new ConcurrentQueue<AuditProblem>();
        var heads = await ReadHeadsAsync(scope.Partitions, problems.Enqueue, cancellationToken).ConfigureAwait(false);
        var (receipts, receiptCount) = await ReadReceiptsAsync(problems.Enqueue, progress, cancellationToken).ConfigureAwait(false);
        var units = await UnitsAsync(scope, heads, progress, cancellationToken).ConfigureAwait(false);

        var results = new ConcurrentBag<DayResult>();
        long done = 0;
        await Parallel.ForEachAsync(units, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, scope.Concurrency), CancellationToken = cancellationToken },
            async (unit, ct) =>
            {
                var verification = new DayVerification(unit.Day, unit.PartitionId, _reader, heads.GetValueOrDefault(unit.PartitionId), receipts, scope, problems.Enqueue);
                if (await verification.RunAsync(ct).ConfigureAwait(false) is { } result)
                {
                    results.Add(result);
                }

                progress?.Report(new AuditProgress("partition-days", Interlocked.Increment(ref done), units.Count));
            }).ConfigureAwait(false);

        var days = results.Select(r => r.Check).OrderBy(c => c.Day).ThenBy(c => c.PartitionId, StringComparer.Ordinal).ToList();
        return new AuditReport(
            days.Select(d => d.PartitionId).Distinct(StringComparer.Ordinal).Count(), days.Sum(d => d.Commits), days.Sum(d => d.SequenceNumbers),
            results.Sum(r => r.Stored), results.Sum(r => r.Quarantined), results.Sum(r => r.Erased), results.Sum(r => r.LevelBlobs),
            results.Sum(r => r.InFlight), receiptCount,
            problems.OrderBy(p => p.Day).ThenBy(p => p.PartitionId, StringComparer.Ordinal).ToList())
        {
            Days = days,
            CommitsHashChecked = days.Sum(d => d.CommitsHashChecked),
            Sampled = scope.SampleCommits is not null,
        };
    }

    /// <summary>Writes a run's verification records to the write-once audit container (one per day it covered).</summary>
    public async Task RecordAsync(IReadOnlyList<VerificationRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var audit = _reader.Container(ResidencyContainers.Audit);
        foreach (var record in records)
        {
            var content = record.ToUtf8Json();
            var options = new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                Metadata = new Dictionary<string, string>(StringComparer.Ordinal) { [LevelBlobMetadata.Sha256] = QuarantineDocument.Sha256Hex(content) },
                Tags = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["category"] = "verification",
                    ["date"] = ChinaDay.Format(record.Day),
                    ["outcome"] = record.Clean ? "clean" : "problems",
                },
            };
            await _reader.Calls.RunAsync("write verification record", audit.Name,
                ct => audit.GetBlobClient(record.Name).UploadAsync(BinaryData.FromBytes(content), options, ct), cancellationToken).ConfigureAwait(false);
        }
    }

    // The (day, partition) pairs to verify: the days asked for, or every day with a summary, commits or an open ledger.
    private async Task<List<(DateOnly Day, string PartitionId)>> UnitsAsync(
        AuditScope scope, IReadOnlyDictionary<string, PartitionHead> heads, IProgress<AuditProgress>? progress, CancellationToken cancellationToken)
    {
        var days = scope.From is { } from
            ? Enumerable.Range(0, (scope.Until ?? from).DayNumber - from.DayNumber + 1).Select(from.AddDays).ToList()
            : await DiscoverDaysAsync(heads, cancellationToken).ConfigureAwait(false);
        var units = new ConcurrentBag<(DateOnly, string)>();
        await Parallel.ForEachAsync(days, cancellationToken, async (day, ct) =>
        {
            var partitions = new HashSet<string>(heads.Keys, StringComparer.Ordinal);
            foreach (var folder in await _reader.FoldersAsync(ResidencyContainers.Audit, BlobLayout.CommitsRoot + ChinaDay.Folder(day) + "/", ct).ConfigureAwait(false))
            {
                partitions.Add(folder.TrimEnd('/')[(folder.TrimEnd('/').LastIndexOf('/') + 1)..]);
            }

            await foreach (var item in _reader.ListAsync(ResidencyContainers.Audit, BlobLayout.DaySummaryPrefix(day), ct).ConfigureAwait(false))
            {
                partitions.Add(Path.GetFileNameWithoutExtension(item.Name));
            }

            foreach (var partition in partitions.Where(p => BlobLayout.IsValidPartitionId(p) && scope.Includes(p)))
            {
                units.Add((day, partition));
            }
        }).ConfigureAwait(false);
        progress?.Report(new AuditProgress("partition-days found", units.Count, units.Count));
        return units.OrderBy(u => u.Item1).ThenBy(u => u.Item2, StringComparer.Ordinal).ToList();
    }

    // Every day the audit container has commits or summaries for (by folder, without listing the records), and the open days.
    private async Task<List<DateOnly>> DiscoverDaysAsync(IReadOnlyDictionary<string, PartitionHead> heads, CancellationToken cancellationToken)
    {
        var days = new HashSet<DateOnly>(heads.Values.Select(h => h.Ledger.Open?.Day).OfType<DateOnly>());
        foreach (var root in new[] { BlobLayout.CommitsRoot, BlobLayout.DaysRoot })
        {
            foreach (var year in await _reader.FoldersAsync(ResidencyContainers.Audit, root, cancellationToken).ConfigureAwait(false))
            {
                foreach (var month in await _reader.FoldersAsync(ResidencyContainers.Audit, year, cancellationToken).ConfigureAwait(false))
                {
                    foreach (var dayFolder in await _reader.FoldersAsync(ResidencyContainers.Audit, month, cancellationToken).ConfigureAwait(false))
                    {
                        if (DateOnly.TryParseExact(dayFolder[root.Length..].TrimEnd('/'), "yyyy'/'MM'/'dd", out var day))
                        {
                            days.Add(day);
                        }
                    }
                }
            }
        }

        return days.Order().ToList();
    }

    // The heads of the partitions asked for (read by name), or of every partition.
    private async Task<Dictionary<string, PartitionHead>> ReadHeadsAsync(
        IReadOnlyCollection<string>? partitions, Action<AuditProblem> report, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        if (partitions is not null)
        {
            names.AddRange(partitions.Select(BlobLayout.HeadName));
        }
        else
        {
            await foreach (var item in _reader.ListAsync(ResidencyContainers.Index, BlobLayout.HeadsRoot, cancellationToken).ConfigureAwait(false))
            {
                names.Add(item.Name);
            }
        }

        var heads = new Dictionary<string, PartitionHead>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (await _reader.DownloadAsync(ResidencyContainers.Index, name, cancellationToken).ConfigureAwait(false) is not { } content)
            {
                continue;
            }

            try
            {
                var head = PartitionHead.Read(content.Span, default);
                heads[head.PartitionId] = head;
            }
            catch (FormatException)
            {
                report(new AuditProblem(AuditProblemKind.Malformed, "-", $"{ResidencyContainers.Index}/{name} is not a partition head"));
            }
        }

        return heads;
    }

    // Every deletion receipt: a deletion rewrites blobs of any day, so each day's check follows them by blob.
    private async Task<(Dictionary<string, List<ErasedBlob>> ByBlob, int Count)> ReadReceiptsAsync(
        Action<AuditProblem> report, IProgress<AuditProgress>? progress, CancellationToken cancellationToken)
    {
        var receipts = new List<DeletionReceipt>();
        await foreach (var item in _reader.ListAsync(ResidencyContainers.Audit, BlobLayout.ReceiptsRoot, cancellationToken).ConfigureAwait(false))
        {
            var content = await _reader.DownloadAsync(ResidencyContainers.Audit, item.Name, cancellationToken).ConfigureAwait(false);
            try
            {
                receipts.Add(DeletionReceipt.Read(content!.Value.Span));
            }
            catch (FormatException)
            {
                report(new AuditProblem(AuditProblemKind.Malformed, "-", $"{ResidencyContainers.Audit}/{item.Name} is not a deletion receipt"));
            }

            progress?.Report(new AuditProgress("deletion receipts", receipts.Count, 0));
        }

        // In completion order, so a blob rewritten by several requests is followed hash by hash.
        var byBlob = receipts.OrderBy(r => r.CompletedAt)
            .SelectMany(r => r.Blobs)
            .GroupBy(b => AuditKeys.Of(b.Container, b.Name), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        return (byBlob, receipts.Count);
    }
}
