using System.Globalization;
using Residency.Storage.Batches;
using Residency.Storage.Subjects;

namespace Residency.Storage.Audit;

/// <summary>
/// Checks one commit's blobs: every level blob and quarantine entry it names is there with the SHA-256 it records (or
/// the one a deletion receipt gave it), every line lies in the commit's partition and range once per level, and
/// stored, quarantined and erased together cover each sequence number of the range exactly once.
/// </summary>
internal static class CommitBlobCheck
{
    public static async Task<CommitTally> RunAsync(
        CommitRecord record, AuditReader reader, IReadOnlyDictionary<string, List<ErasedBlob>> receipts, Action<AuditProblem> report,
        CancellationToken cancellationToken)
    {
        var partition = record.PartitionId;
        var stored = new HashSet<long>();
        var erased = new HashSet<long>();
        var blobContents = await Task.WhenAll(record.Blobs.Select(b => reader.DownloadAsync(b.Container, b.Name, cancellationToken))).ConfigureAwait(false);
        var entryContents = await Task.WhenAll(record.Quarantined.Select(q => reader.DownloadAsync(ResidencyContainers.Quarantine, q.Name, cancellationToken)))
            .ConfigureAwait(false);
        void Report(AuditProblemKind kind, string detail) => report(new AuditProblem(kind, partition, detail) { Day = record.Date });

        for (var i = 0; i < record.Blobs.Count; i++)
        {
            var blob = record.Blobs[i];
            var expected = (string?)blob.Sha256;
            foreach (var receipt in receipts.GetValueOrDefault(AuditKeys.Of(blob.Container, blob.Name), []))
            {
                if (receipt.PreviousSha256 == expected)
                {
                    expected = receipt.Sha256;
                    erased.UnionWith(receipt.SequenceNumbers);
                }
            }

            if (blobContents[i] is not { } content)
            {
                if (expected is not null)
                {
                    Report(AuditProblemKind.MissingBlob, $"{blob.Container}/{blob.Name} is missing");
                }

                continue;
            }

            if (QuarantineDocument.Sha256Hex(content.Span) != expected)
            {
                Report(AuditProblemKind.HashMismatch, $"{blob.Container}/{blob.Name} does not have the SHA-256 its commit record (and deletion receipts) give");
                continue;
            }

            IReadOnlyList<StoredLine> lines;
            try
            {
                lines = LevelBlobReader.ReadLines(content);
            }
            catch (FormatException e)
            {
                Report(AuditProblemKind.Malformed, $"{blob.Container}/{blob.Name}: {e.Message}");
                continue;
            }

            var inBlob = new HashSet<long>();
            foreach (var line in lines)
            {
                if (line.PartitionId != partition || line.SequenceNumber < record.First || line.SequenceNumber > record.Last)
                {
                    Report(AuditProblemKind.Malformed,
                        $"{blob.Container}/{blob.Name} holds a line of partition {line.PartitionId} sequence number {line.SequenceNumber}, outside its commit");
                }
                else if (!inBlob.Add(line.SequenceNumber))
                {
                    Report(AuditProblemKind.Overlap, $"{blob.Container}/{blob.Name} holds sequence number {line.SequenceNumber} twice");
                }
            }

            stored.UnionWith(inBlob);
        }

        var quarantined = new HashSet<long>();
        for (var i = 0; i < record.Quarantined.Count; i++)
        {
            var entry = record.Quarantined[i];
            if (entryContents[i] is not { } content)
            {
                Report(AuditProblemKind.MissingBlob, $"{ResidencyContainers.Quarantine}/{entry.Name} is missing");
            }
            else if (QuarantineDocument.Sha256Hex(content.Span) != entry.Sha256)
            {
                Report(AuditProblemKind.HashMismatch, $"{ResidencyContainers.Quarantine}/{entry.Name} does not have the SHA-256 its commit record gives");
            }

            if (!quarantined.Add(entry.SequenceNumber) || stored.Contains(entry.SequenceNumber))
            {
                Report(AuditProblemKind.Overlap, $"sequence number {entry.SequenceNumber} of {record.Name} is quarantined and stored, or quarantined twice");
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
            Report(AuditProblemKind.Gap, $"{record.Name} covers {missing.Count} sequence number(s) with no line or entry: {Ranges(missing)}");
        }

        return new CommitTally(stored.Count, quarantined.Count, erased.Except(stored).Count());
    }

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
}

/// <summary>What one commit's blobs hold: sequence numbers stored, quarantined, and erased by deletion requests.</summary>
internal readonly record struct CommitTally(long Stored, long Quarantined, long Erased);

/// <summary>The key a blob is known by across containers.</summary>
internal static class AuditKeys
{
    public static string Of(string container, string name) => container + "/" + name;
}
