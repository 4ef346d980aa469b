using System.Text.Json;
using Residency.Storage.Batches;
using Residency.Storage.Ledger;
using Residency.Storage.Sketches;
using Residency.Storage.Subjects;

namespace Residency.Storage.Audit;

/// <summary>
/// Verifies one partition's China Standard Time day by listing only that day's prefixes: its summary against the
/// day's commit records and receipts, the chain to the previous and next day, gaps and overlaps inside the day and at
/// its edges, the blobs of every commit (or of a sample), and blobs of the day that no commit names (orphans).
/// </summary>
internal sealed class DayVerification(
    DateOnly day, string partitionId, AuditReader reader, PartitionHead? head, IReadOnlyDictionary<string, List<ErasedBlob>> receipts,
    AuditScope scope, Action<AuditProblem> report)
{
    /// <summary>The day's result, or null when the partition has nothing on that day (no summary, commits or link to it).</summary>
    public async Task<DayResult?> RunAsync(CancellationToken cancellationToken)
    {
        var summaryRead = await reader.SummaryAsync(day, partitionId, cancellationToken).ConfigureAwait(false);
        var next = await reader.SummaryAsync(day.AddDays(1), partitionId, cancellationToken).ConfigureAwait(false);
        var records = await ReadCommitsAsync(cancellationToken).ConfigureAwait(false);
        var expected = summaryRead.Exists || records.Count > 0 || next.Summary?.Previous?.Day == day || head?.Ledger.LastClosed?.Day == day
                       || head?.Ledger.Open?.Day == day;
        if (!expected)
        {
            return null;
        }

        var isOpen = head?.Ledger.FirstOpenDay is { } firstOpen && firstOpen <= day;
        if (summaryRead.Malformed)
        {
            Report(AuditProblemKind.Malformed, $"{ResidencyContainers.Audit}/{summaryRead.Name} is not the day summary its name says");
        }
        else if (summaryRead.Summary is null && !isOpen)
        {
            Report(AuditProblemKind.MissingSummary, $"the day is sealed but {ResidencyContainers.Audit}/{summaryRead.Name} is missing");
        }

        CheckContiguity(records);
        var previous = await reader.SummaryAsync(day.AddDays(-1), partitionId, cancellationToken).ConfigureAwait(false);
        var before = summaryRead.Summary?.Totals.Before ?? (head?.Ledger.Open?.Day == day ? head.Ledger.Open.Before : (long?)null);
        CheckEdges(records, before, previous.Summary);
        if (summaryRead.Summary is { } summary)
        {
            CheckChain(summary, previous, next.Summary);
            await CheckTotalsAsync(summary, records, cancellationToken).ConfigureAwait(false);
        }

        var tally = await CheckBlobsAsync(records, cancellationToken).ConfigureAwait(false);
        var inFlight = await CheckOrphansAsync(records, cancellationToken).ConfigureAwait(false);
        return tally with
        {
            Check = new DayCheck(day, partitionId, summaryRead.Summary is not null, records.Count, tally.Check.CommitsHashChecked, tally.Check.SequenceNumbers),
            InFlight = inFlight,
        };
    }

    private async Task<List<CommitRecord>> ReadCommitsAsync(CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await foreach (var item in reader.ListAsync(ResidencyContainers.Audit, BlobLayout.CommitPrefix(day, partitionId), cancellationToken).ConfigureAwait(false))
        {
            names.Add(item.Name);
        }

        var records = (await Task.WhenAll(names.Select(n => ReadRecordAsync(n, cancellationToken))).ConfigureAwait(false)).OfType<CommitRecord>().ToList();
        if (head?.LastCommit is { } last && last.Date == day && records.All(r => r.Name != last.Name))
        {
            // The head committed it; its record is written by the partition's next batch (or was lost).
            records.Add(last);
            Report(AuditProblemKind.HeadMismatch, $"the head's last commit {last.Name} has no record in {ResidencyContainers.Audit} yet");
        }

        if (head?.LastCommit is { } latest && latest.Date == day && head.CommittedThrough != records.Max(r => r.Last))
        {
            Report(AuditProblemKind.HeadMismatch, $"the head says committed through {head.CommittedThrough}, the day's commit records through {records.Max(r => r.Last)}");
        }

        return records.OrderBy(r => r.First).ToList();
    }

    private async Task<CommitRecord?> ReadRecordAsync(string name, CancellationToken cancellationToken)
    {
        var content = await reader.DownloadAsync(ResidencyContainers.Audit, name, cancellationToken).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(content!.Value);
            var record = CommitRecord.Read(document.RootElement);
            if (record.PartitionId == partitionId && record.Name == name)
            {
                return record;
            }
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
        }

        Report(AuditProblemKind.Malformed, $"{ResidencyContainers.Audit}/{name} is not the commit record its name says");
        return null;
    }

    private void CheckContiguity(List<CommitRecord> records)
    {
        for (var i = 1; i < records.Count; i++)
        {
            var (previous, record) = (records[i - 1], records[i]);
            if (record.First > previous.Last + 1)
            {
                Report(AuditProblemKind.Gap, $"sequence numbers {previous.Last + 1}-{record.First - 1} are in no commit");
            }
            else if (record.First <= previous.Last)
            {
                Report(AuditProblemKind.Overlap, $"commits {previous.Name} and {record.Name} overlap");
            }
        }
    }

    // The day begins where the latest earlier day with commits ended, and its first commit right after that.
    private void CheckEdges(List<CommitRecord> records, long? before, DaySummary? previous)
    {
        if (before is { } start && previous is not null)
        {
            var previousEnd = previous.Totals.Last >= 0 ? previous.Totals.Last : previous.Totals.Before;
            if (previousEnd != start)
            {
                Report(previousEnd < start ? AuditProblemKind.Gap : AuditProblemKind.Overlap,
                    $"the day begins after sequence number {start}, the previous day ended at {previousEnd}");
            }
        }

        // A partition's very first commit may start anywhere: the events before it had left Event Hubs' retention.
        if (before is { } committed && committed >= 0 && records.Count > 0 && records[0].First != committed + 1)
        {
            Report(records[0].First > committed + 1 ? AuditProblemKind.Gap : AuditProblemKind.Overlap,
                $"the day's first commit starts at {records[0].First}, right after {committed} was expected");
        }
    }

    private void CheckChain(DaySummary summary, SummaryRead previous, DaySummary? next)
    {
        if (summary.Previous is { } link)
        {
            if (link.Day != day.AddDays(-1))
            {
                Report(AuditProblemKind.BrokenChain, $"the summary links to day {ChinaDay.Format(link.Day)}, not the day before");
            }
            else if (previous.Summary is null)
            {
                Report(AuditProblemKind.BrokenChain, $"the previous day's summary {previous.Name} is missing or unreadable");
            }
            else if (previous.Summary.Sha256 != link.Sha256)
            {
                Report(AuditProblemKind.BrokenChain, $"the previous day's summary {previous.Name} is not the one this day was chained to (edited)");
            }
        }
        else if (previous.Exists)
        {
            Report(AuditProblemKind.BrokenChain, $"the summary starts the chain, yet {previous.Name} exists");
        }

        if (next?.Previous is { } nextLink && nextLink.Day == day && nextLink.Sha256 != summary.Sha256)
        {
            Report(AuditProblemKind.BrokenChain, "the next day was chained to another version of this summary (edited)");
        }
    }

    private async Task CheckTotalsAsync(DaySummary summary, List<CommitRecord> records, CancellationToken cancellationToken)
    {
        var empty = new Dictionary<string, HyperLogLog>();
        var fromCommits = records.Aggregate(DayTotals.Empty(day, partitionId, summary.Totals.Before), (totals, r) => totals.Plus(r, empty));
        var differences = SummaryComparison.Differences(summary.Totals, fromCommits);
        if (differences.Count > 0)
        {
            Report(AuditProblemKind.SummaryMismatch, $"the summary's {string.Join(", ", differences)} differ from the day's commit records");
        }

        var receiptsOfDay = await reader.ReceiptsOfAsync(day, cancellationToken).ConfigureAwait(false);
        var missing = receiptsOfDay.Where(r => !summary.Receipts.Contains(r)).Select(r => r.Name).ToList();
        var unknown = summary.Receipts.Where(r => !receiptsOfDay.Contains(r)).Select(r => r.Name).ToList();
        if (missing.Count > 0 || unknown.Count > 0)
        {
            Report(AuditProblemKind.SummaryMismatch,
                $"deletion receipts of the day not in the summary: {missing.Count}; named by the summary but not there as named: {unknown.Count}");
        }
    }

    private async Task<DayResult> CheckBlobsAsync(List<CommitRecord> records, CancellationToken cancellationToken)
    {
        // A sample is drawn from the run's seed, the day and the partition, so a run can be repeated exactly.
        var random = new Random(scope.SampleSeed + (day.DayNumber * 31) + partitionId.Sum(c => c));
        var checkedRecords = scope.SampleCommits is { } n && n < records.Count
            ? records.OrderBy(_ => random.Next()).Take(n).OrderBy(r => r.First).ToList()
            : records;
        var tallies = await Task.WhenAll(checkedRecords.Select(r => CommitBlobCheck.RunAsync(r, reader, receipts, report, cancellationToken)))
            .ConfigureAwait(false);
        return new DayResult(
            new DayCheck(day, partitionId, false, records.Count, checkedRecords.Count, records.Sum(r => r.Last - r.First + 1)),
            records.Sum(r => r.StoredCount), records.Sum(r => (long)r.Quarantined.Count), tallies.Sum(t => t.Erased),
            records.Sum(r => r.Blobs.Count), 0);
    }

    // Blobs of the day that no commit names and no attempt in flight announces.
    private async Task<int> CheckOrphansAsync(List<CommitRecord> records, CancellationToken cancellationToken)
    {
        var named = records.SelectMany(r => r.Blobs.Select(b => AuditKeys.Of(b.Container, b.Name))
            .Concat(r.Quarantined.Select(q => AuditKeys.Of(ResidencyContainers.Quarantine, q.Name)))).ToHashSet(StringComparer.Ordinal);
        var inFlight = (head?.Pending?.Blobs ?? []).Select(b => AuditKeys.Of(b.Container, b.Name)).ToHashSet(StringComparer.Ordinal);
        var prefix = BlobLayout.DayPartitionPrefix(day, partitionId);
        var inFlightHere = 0;
        foreach (var container in ResidencyContainers.Levels.Append(ResidencyContainers.Quarantine))
        {
            await foreach (var item in reader.ListAsync(container, prefix, cancellationToken).ConfigureAwait(false))
            {
                var key = AuditKeys.Of(container, item.Name);
                if (inFlight.Contains(key))
                {
                    inFlightHere++;
                }
                else if (!named.Contains(key))
                {
                    report(new AuditProblem(AuditProblemKind.Orphan, partitionId, $"{container}/{item.Name} is named by no commit")
                    {
                        Day = day,
                        Blob = new BlobReference(container, item.Name),
                    });
                }
            }
        }

        return inFlightHere;
    }

    private void Report(AuditProblemKind kind, string detail) => report(new AuditProblem(kind, partitionId, detail) { Day = day });
}

/// <summary>What verifying one partition's day found, besides its problems.</summary>
internal sealed record DayResult(DayCheck Check, long Stored, long Quarantined, long Erased, int LevelBlobs, int InFlight);
