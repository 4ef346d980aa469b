using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Residency.Storage.Batches;
using Residency.Storage.Clients;
using Residency.Storage.Subjects;

namespace Residency.Storage.Audit;

/// <summary>
/// <c>residency audit verify</c> (docs/storage.md): per partition, the commit records must cover each sequence
/// number exactly once, stored (a line in a level blob) or quarantined, with every blob present and its SHA-256 as
/// recorded, or as a deletion receipt changed it (then the receipt's sequence numbers count as erased). Blobs that no
/// commit names are orphans, except those of the attempt a head announces (in flight). Read-only.
/// </summary>
public sealed class AuditVerifier
{
    private readonly BlobServiceClient _service;
    private readonly StorageCalls _calls = new(maxConcurrency: 8);

    /// <summary>Creates the verifier on the residency account's client.</summary>
    public AuditVerifier(BlobServiceClient service)
    {
        ArgumentNullException.ThrowIfNull(service);
        _service = service;
    }

    /// <summary>Verifies every partition, or only <paramref name="partitions"/> when given.</summary>
    public async Task<AuditReport> VerifyAsync(
        IReadOnlyCollection<string>? partitions = null, IProgress<AuditProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var problems = new List<AuditProblem>();
        var receipts = await ReadReceiptsAsync(problems, progress, cancellationToken).ConfigureAwait(false);
        var heads = await ReadHeadsAsync(problems, cancellationToken).ConfigureAwait(false);
        var commitNames = await ListCommitsAsync(problems, cancellationToken).ConfigureAwait(false);
        var selected = heads.Keys.Concat(commitNames.Keys).Distinct(StringComparer.Ordinal)
            .Where(p => partitions is null || partitions.Contains(p))
            .Order(StringComparer.Ordinal).ToList();

        var tally = new Tally();
        var named = new HashSet<string>(StringComparer.Ordinal);
        var inFlight = new HashSet<string>(StringComparer.Ordinal);
        long commitsDone = 0;
        var commitsTotal = selected.Sum(p => (long)commitNames.GetValueOrDefault(p, []).Count);
        foreach (var partition in selected)
        {
            var records = new List<CommitRecord>();
            foreach (var name in commitNames.GetValueOrDefault(partition, []))
            {
                if (await ReadRecordAsync(partition, name, problems, cancellationToken).ConfigureAwait(false) is { } record)
                {
                    records.Add(record);
                }

                progress?.Report(new AuditProgress("commit records", ++commitsDone, commitsTotal));
            }

            var head = heads.GetValueOrDefault(partition);
            CheckHead(partition, head, records, problems);
            foreach (var blob in head?.Pending?.Blobs ?? [])
            {
                inFlight.Add(Key(blob.Container, blob.Name));
            }

            CommitRecord? previous = null;
            foreach (var record in records.OrderBy(r => r.First))
            {
                if (previous is not null && record.First != previous.Last + 1)
                {
                    problems.Add(record.First > previous.Last + 1
                        ? new AuditProblem(AuditProblemKind.Gap, partition, $"sequence numbers {previous.Last + 1}-{record.First - 1} are in no commit")
                        : new AuditProblem(AuditProblemKind.Overlap, partition, $"commits {previous.Name} and {record.Name} overlap"));
                }

                await CheckCommitAsync(record, receipts, named, tally, problems, cancellationToken).ConfigureAwait(false);
                previous = record.Last > (previous?.Last ?? -1) ? record : previous;
            }

            tally.Commits += records.Count;
        }

        var levelBlobs = await FindOrphansAsync(partitions, named, inFlight, problems, progress, cancellationToken)
            .ConfigureAwait(false);
        return new AuditReport(selected.Count, tally.Commits, tally.SequenceNumbers, tally.Stored, tally.Quarantined, tally.Erased,
            levelBlobs, inFlight.Count, receipts.Count, problems);
    }

    private static void CheckHead(string partition, PartitionHead? head, List<CommitRecord> records, List<AuditProblem> problems)
    {
        if (head?.LastCommit is { } last && records.All(r => r.Name != last.Name))
        {
            // The head committed it; its record is written by the next batch of this partition (or was lost).
            records.Add(last);
            problems.Add(new AuditProblem(AuditProblemKind.HeadMismatch, partition,
                $"the head's last commit {last.Name} has no record in {ResidencyContainers.Audit} yet"));
        }

        var highest = records.Count == 0 ? -1 : records.Max(r => r.Last);
        if (head is null && records.Count > 0)
        {
            problems.Add(new AuditProblem(AuditProblemKind.HeadMismatch, partition, $"no head, but commits up to {highest}"));
        }
        else if (head is not null && head.CommittedThrough != highest)
        {
            problems.Add(new AuditProblem(AuditProblemKind.HeadMismatch, partition,
                $"the head says committed through {head.CommittedThrough}, the commit records through {highest}"));
        }
    }

    private async Task CheckCommitAsync(
        CommitRecord record, Dictionary<string, List<ErasedBlob>> receipts, HashSet<string> named, Tally tally,
        List<AuditProblem> problems, CancellationToken cancellationToken)
    {
        var partition = record.PartitionId;
        var stored = new HashSet<long>();
        var erased = new HashSet<long>();
        // Every blob of the commit is fetched at once (the gate bounds the requests in flight), then checked in order.
        var blobContents = await Task.WhenAll(record.Blobs.Select(b => DownloadAsync(b.Container, b.Name, cancellationToken))).ConfigureAwait(false);
        var entryContents = await Task.WhenAll(record.Quarantined.Select(q => DownloadAsync(ResidencyContainers.Quarantine, q.Name, cancellationToken))).ConfigureAwait(false);
        for (var i = 0; i < record.Blobs.Count; i++)
        {
            var blob = record.Blobs[i];
            named.Add(Key(blob.Container, blob.Name));
            var expected = (string?)blob.Sha256;
            foreach (var receipt in receipts.GetValueOrDefault(Key(blob.Container, blob.Name), []))
            {
                if (receipt.PreviousSha256 == expected)
                {
                    expected = receipt.Sha256;
                    erased.UnionWith(receipt.SequenceNumbers);
                }
            }

            var content = blobContents[i];
            if (content is null)
            {
                if (expected is not null)
                {
                    problems.Add(new AuditProblem(AuditProblemKind.MissingBlob, partition, $"{blob.Container}/{blob.Name} is missing"));
                }

                continue;
            }

            if (QuarantineDocument.Sha256Hex(content.Value.Span) != expected)
            {
                problems.Add(new AuditProblem(AuditProblemKind.HashMismatch, partition,
                    $"{blob.Container}/{blob.Name} does not have the SHA-256 its commit record (and deletion receipts) give"));
                continue;
            }

            IReadOnlyList<StoredLine> lines;
            try
            {
                lines = LevelBlobReader.ReadLines(content.Value);
            }
            catch (FormatException e)
            {
                problems.Add(new AuditProblem(AuditProblemKind.Malformed, partition, $"{blob.Container}/{blob.Name}: {e.Message}"));
                continue;
            }

            var inBlob = new HashSet<long>();
            foreach (var line in lines)
            {
                if (line.PartitionId != partition || line.SequenceNumber < record.First || line.SequenceNumber > record.Last)
                {
                    problems.Add(new AuditProblem(AuditProblemKind.Malformed, partition,
                        $"{blob.Container}/{blob.Name} holds a line of partition {line.PartitionId} sequence number {line.SequenceNumber}, outside its commit"));
                }
                else if (!inBlob.Add(line.SequenceNumber))
                {
                    problems.Add(new AuditProblem(AuditProblemKind.Overlap, partition,
                        $"{blob.Container}/{blob.Name} holds sequence number {line.SequenceNumber} twice"));
                }
            }

            stored.UnionWith(inBlob);
        }

        var quarantined = new HashSet<long>();
        for (var i = 0; i < record.Quarantined.Count; i++)
        {
            var entry = record.Quarantined[i];
            named.Add(Key(ResidencyContainers.Quarantine, entry.Name));
            var content = entryContents[i];
            if (content is null)
            {
                problems.Add(new AuditProblem(AuditProblemKind.MissingBlob, partition, $"{ResidencyContainers.Quarantine}/{entry.Name} is missing"));
            }
            else if (QuarantineDocument.Sha256Hex(content.Value.Span) != entry.Sha256)
            {
                problems.Add(new AuditProblem(AuditProblemKind.HashMismatch, partition,
                    $"{ResidencyContainers.Quarantine}/{entry.Name} does not have the SHA-256 its commit record gives"));
            }

            if (!quarantined.Add(entry.SequenceNumber) || stored.Contains(entry.SequenceNumber))
            {
                problems.Add(new AuditProblem(AuditProblemKind.Overlap, partition,
                    $"sequence number {entry.SequenceNumber} of {record.Name} is quarantined and stored, or quarantined twice"));
            }
        }

        var missing = new List<long>();
        for (var sequence = record.First; sequence <= record.Last; sequence++)
        {
            if (!stored.Contains(sequence) && !quarantined.Contains(sequence) && !erased.Contains(sequence))
            {
                missing.Add(sequence);
            }
        }

        if (missing.Count > 0)
        {
            problems.Add(new AuditProblem(AuditProblemKind.Gap, partition,
                $"{record.Name} covers {missing.Count} sequence number(s) with no line or entry: {Ranges(missing)}"));
        }

        tally.SequenceNumbers += record.Last - record.First + 1;
        tally.Stored += stored.Count;
        tally.Quarantined += quarantined.Count;
        tally.Erased += erased.Except(stored).Count();
    }

    private async Task<int> FindOrphansAsync(
        IReadOnlyCollection<string>? partitions, HashSet<string> named, HashSet<string> inFlight, List<AuditProblem> problems,
        IProgress<AuditProgress>? progress, CancellationToken cancellationToken)
    {
        var levelBlobs = 0;
        long listed = 0;
        foreach (var containerName in ResidencyContainers.Levels.Append(ResidencyContainers.Quarantine))
        {
            var container = _service.GetBlobContainerClient(containerName);
            await foreach (var item in _calls.ListAsync(container, string.Empty, BlobTraits.None, cancellationToken).ConfigureAwait(false))
            {
                progress?.Report(new AuditProgress("listing blobs", ++listed, 0));
                var partition = PartitionOf(containerName, item.Name);
                if (partition is null || (partitions is not null && !partitions.Contains(partition)))
                {
                    continue;
                }

                levelBlobs += containerName == ResidencyContainers.Quarantine ? 0 : 1;
                var key = Key(containerName, item.Name);
                if (!named.Contains(key) && !inFlight.Contains(key))
                {
                    problems.Add(new AuditProblem(AuditProblemKind.Orphan, partition, $"{containerName}/{item.Name} is named by no commit"));
                }
            }
        }

        return levelBlobs;
    }

    // The partition a blob belongs to, from its name; null for the quarantined invocations and foreign names.
    private static string? PartitionOf(string container, string name)
    {
        if (container != ResidencyContainers.Quarantine)
        {
            return BlobLayout.TryParseLevelBlobName(name, out var parsed) ? parsed.PartitionId : name.Split('/').ElementAtOrDefault(3);
        }

        var partition = name.Split('/')[0];
        return partition == "unreadable-invocation" ? null : partition;
    }

    private async Task<Dictionary<string, List<ErasedBlob>>> ReadReceiptsAsync(
        List<AuditProblem> problems, IProgress<AuditProgress>? progress, CancellationToken cancellationToken)
    {
        var audit = _service.GetBlobContainerClient(ResidencyContainers.Audit);
        var receipts = new List<DeletionReceipt>();
        await foreach (var item in _calls.ListAsync(audit, BlobLayout.ReceiptsRoot, BlobTraits.None, cancellationToken).ConfigureAwait(false))
        {
            var content = await DownloadAsync(audit.Name, item.Name, cancellationToken).ConfigureAwait(false);
            try
            {
                receipts.Add(DeletionReceipt.Read(content!.Value.Span));
            }
            catch (FormatException)
            {
                problems.Add(new AuditProblem(AuditProblemKind.Malformed, "-", $"{audit.Name}/{item.Name} is not a deletion receipt"));
            }

            progress?.Report(new AuditProgress("deletion receipts", receipts.Count, 0));
        }

        // In completion order, so a blob rewritten by several requests is followed hash by hash.
        return receipts.OrderBy(r => r.CompletedAt)
            .SelectMany(r => r.Blobs)
            .GroupBy(b => Key(b.Container, b.Name), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
    }

    private async Task<Dictionary<string, PartitionHead>> ReadHeadsAsync(List<AuditProblem> problems, CancellationToken cancellationToken)
    {
        var index = _service.GetBlobContainerClient(ResidencyContainers.Index);
        var heads = new Dictionary<string, PartitionHead>(StringComparer.Ordinal);
        await foreach (var item in _calls.ListAsync(index, BlobLayout.HeadsRoot, BlobTraits.None, cancellationToken).ConfigureAwait(false))
        {
            var content = await DownloadAsync(index.Name, item.Name, cancellationToken).ConfigureAwait(false);
            try
            {
                var head = PartitionHead.Read(content!.Value.Span, default);
                heads[head.PartitionId] = head;
            }
            catch (FormatException)
            {
                problems.Add(new AuditProblem(AuditProblemKind.Malformed, "-", $"{index.Name}/{item.Name} is not a partition head"));
            }
        }

        return heads;
    }

    private async Task<Dictionary<string, List<string>>> ListCommitsAsync(List<AuditProblem> problems, CancellationToken cancellationToken)
    {
        var audit = _service.GetBlobContainerClient(ResidencyContainers.Audit);
        var names = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await foreach (var item in _calls.ListAsync(audit, BlobLayout.CommitsRoot, BlobTraits.None, cancellationToken).ConfigureAwait(false))
        {
            var parts = item.Name.Split('/');
            if (parts.Length != 3 || !BlobLayout.IsValidPartitionId(parts[1]))
            {
                problems.Add(new AuditProblem(AuditProblemKind.Malformed, "-", $"{audit.Name}/{item.Name} is not a commit record name"));
                continue;
            }

            if (!names.TryGetValue(parts[1], out var list))
            {
                names[parts[1]] = list = [];
            }

            list.Add(item.Name);
        }

        return names;
    }

    private async Task<CommitRecord?> ReadRecordAsync(string partition, string name, List<AuditProblem> problems, CancellationToken cancellationToken)
    {
        var content = await DownloadAsync(ResidencyContainers.Audit, name, cancellationToken).ConfigureAwait(false);
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(content!.Value);
            var record = CommitRecord.Read(document.RootElement);
            if (record.PartitionId == partition && record.Name == name)
            {
                return record;
            }
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
        }

        problems.Add(new AuditProblem(AuditProblemKind.Malformed, partition, $"{ResidencyContainers.Audit}/{name} is not the commit record its name says"));
        return null;
    }

    private async Task<ReadOnlyMemory<byte>?> DownloadAsync(string container, string name, CancellationToken cancellationToken)
    {
        var blob = _service.GetBlobContainerClient(container).GetBlobClient(name);
        try
        {
            var download = await _calls.RunAsync("read blob", container, ct => blob.DownloadContentAsync(ct), cancellationToken).ConfigureAwait(false);
            return download.Value.Content.ToMemory();
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlobNotFound)
        {
            return null;
        }
    }

    private static string Key(string container, string name) => container + "/" + name;

    private static string Ranges(List<long> sorted)
    {
        var parts = new List<string>();
        for (var i = 0; i < sorted.Count && parts.Count < 10; i++)
        {
            var start = sorted[i];
            while (i + 1 < sorted.Count && sorted[i + 1] == sorted[i] + 1)
            {
                i++;
            }

            parts.Add(start == sorted[i] ? start.ToString(CultureInfo.InvariantCulture) : $"{start}-{sorted[i]}");
        }

        return string.Join(", ", parts) + (parts.Count == 10 ? ", ..." : string.Empty);
    }

    private sealed class Tally
    {
        public int Commits { get; set; }

        public long SequenceNumbers { get; set; }

        public long Stored { get; set; }

        public long Quarantined { get; set; }

        public long Erased { get; set; }
    }
}
