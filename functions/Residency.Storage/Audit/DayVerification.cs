using System.Text.Json;
using Residency.Storage.Batches;
using Residency.Storage.Ledger;
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
    private const int PageSize = 500;

    /// <summary>The day's result, or null when the partition has nothing on that day (no summary, commits or link to it).</summary>
    public async Task<DayResult?> RunAsync(CancellationToken cancellationToken)
    {
        var summaryRead = await reader.SummaryAsync(day, partitionId, cancellationToken).ConfigureAwait(false);
        var next = await reader.SummaryAsync(day.AddDays(1), partitionId, cancellationToken).ConfigureAwait(false);
        var commits = new DayCommits(day, partitionId, summaryRead.Summary?.Totals.Before ?? -1, scope, report);
        await ReadCommitsAsync(commits, cancellationToken).ConfigureAwait(false);
        var expected = summaryRead.Exists || commits.Count > 0 || next.Summary?.Previous?.Day == day || head?.Ledger.LastClosed?.Day == day
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

        var previous = await reader.SummaryAsync(day.AddDays(-1), partitionId, cancellationToken).ConfigureAwait(false);
        var before = summaryRead.Summary?.Totals.Before ?? (head?.Ledger.Open?.Day == day ? head.Ledger.Open.Before : (long?)null);
        CheckEdges(commits, before, previous.Summary);
        if (summaryRead.Summary is { } summary)
        {
            CheckChain(summary, previous, next.Summary);
            await CheckTotalsAsync(summary, commits.Totals, cancellationToken).ConfigureAwait(false);
        }

        await commits.CheckSampleAsync(reader, receipts, cancellationToken).ConfigureAwait(false);
        var inFlight = await CheckOrphansAsync(commits, cancellationToken).ConfigureAwait(false);
        return new DayResult(
            new DayCheck(day, partitionId, summaryRead.Summary is not null, commits.Count, commits.HashChecked, commits.Totals.Events),
            commits.Totals.Stored, commits.Totals.Quarantined, commits.Erased, commits.LevelBlobs, inFlight);
    }

    // The day's records a page at a time (names sort by sequence number): memory stays flat however large the day.
    private async Task ReadCommitsAsync(DayCommits commits, CancellationToken cancellationToken)
    {
        var page = new List<string>();
        await foreach (var item in reader.ListAsync(ResidencyContainers.Audit, BlobLayout.CommitPrefix(day, partitionId), cancellationToken).ConfigureAwait(false))
        {
            page.Add(item.Name);
            if (page.Count == PageSize)
            {
                await AddPageAsync(commits, page, cancellationToken).ConfigureAwait(false);
                page.Clear();
            }
        }

        await AddPageAsync(commits, page, cancellationToken).ConfigureAwait(false);
        if (head?.LastCommit is { } last && last.Date == day && !commits.Has(last))
        {
            // The head committed it; its record is written by the partition's next batch (or was lost).
            await commits.AddAsync(last, reader, receipts, cancellationToken).ConfigureAwait(false);
            Report(AuditProblemKind.HeadMismatch, $"the head's last commit {last.Name} has no record in {ResidencyContainers.Audit} yet");
        }

        if (head?.LastCommit is { } latest && latest.Date == day && head.CommittedThrough != commits.Totals.Last)
        {
            Report(AuditProblemKind.HeadMismatch, $"the head says committed through {head.CommittedThrough}, the day's commit records through {commits.Totals.Last}");
        }
    }

    private async Task AddPageAsync(DayCommits commits, List<string> names, CancellationToken cancellationToken)
    {
        var records = await Task.WhenAll(names.Select(n => ReadRecordAsync(n, cancellationToken))).ConfigureAwait(false);
        foreach (var record in records.OfType<CommitRecord>().OrderBy(r => r.First))
        {
            await commits.AddAsync(record, reader, receipts, cancellationToken).ConfigureAwait(false);
        }
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

    // The day begins where the latest earlier day with commits ended, and its first commit right after that.
    private void CheckEdges(DayCommits commits, long? before, DaySummary? previous)
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
        if (before is { } committed && committed >= 0 && commits.Count > 0 && commits.Totals.First != committed + 1)
        {
            Report(commits.Totals.First > committed + 1 ? AuditProblemKind.Gap : AuditProblemKind.Overlap,
                $"the day's first commit starts at {commits.Totals.First}, right after {committed} was expected");
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

    private async Task CheckTotalsAsync(DaySummary summary, DayTotals fromCommits, CancellationToken cancellationToken)
    {
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

    // Blobs of the day that no commit names and no attempt in flight announces.
    private async Task<int> CheckOrphansAsync(DayCommits commits, CancellationToken cancellationToken)
    {
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
                else if (!commits.Names(container, item.Name))
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
