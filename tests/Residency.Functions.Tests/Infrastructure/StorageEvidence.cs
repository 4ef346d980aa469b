using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Residency.Storage;
using Residency.Storage.Batches;

namespace Residency.Functions.Tests.Infrastructure;

/// <summary>
/// What storage holds for one partition, read through its commit records: the levels of each stored sequence
/// number, the reason of each quarantined one, the commit records, and a fingerprint of every blob.
/// </summary>
internal sealed class StorageEvidence
{
    public Dictionary<long, List<string>> LevelsBySequence { get; } = [];

    public Dictionary<long, List<string>> QuarantineReasonsBySequence { get; } = [];

    public Dictionary<long, string> MessageIdBySequence { get; } = [];

    public List<string> Commits { get; } = [];

    /// <summary>Every blob of the partition with its ETag: equal fingerprints mean nothing was written or rewritten.</summary>
    public SortedDictionary<string, string> Fingerprint { get; } = new(StringComparer.Ordinal);

    public static async Task<StorageEvidence> ReadAsync(BlobServiceClient client, string partitionId)
    {
        var evidence = new StorageEvidence();
        var audit = client.GetBlobContainerClient(ResidencyContainers.Audit);
        // Commit records are named by day, then partition: the partition's are found among all of them.
        await foreach (var item in audit.GetBlobsAsync(new GetBlobsOptions { Prefix = BlobLayout.CommitsRoot }))
        {
            if (!BlobLayout.TryParseCommitName(item.Name, out _, out var partition, out _, out _) || partition != partitionId)
            {
                continue;
            }

            evidence.Commits.Add(item.Name);
            evidence.Fingerprint[$"{audit.Name}/{item.Name}"] = item.Properties.ETag.ToString()!;
            var content = (await audit.GetBlobClient(item.Name).DownloadContentAsync()).Value.Content;
            using var document = JsonDocument.Parse(content.ToMemory());
            var record = CommitRecord.Read(document.RootElement);
            foreach (var blob in record.Blobs)
            {
                var container = client.GetBlobContainerClient(blob.Container);
                var download = (await container.GetBlobClient(blob.Name).DownloadContentAsync()).Value;
                evidence.Fingerprint[$"{blob.Container}/{blob.Name}"] = download.Details.ETag.ToString();
                foreach (var line in LevelBlobReader.ReadLines(download.Content.ToMemory()))
                {
                    Add(evidence.LevelsBySequence, line.SequenceNumber, blob.Level);
                    using var json = JsonDocument.Parse(line.Json);
                    evidence.MessageIdBySequence[line.SequenceNumber] = json.RootElement.GetProperty("messageId").GetString()!;
                }
            }

            foreach (var entry in record.Quarantined)
            {
                Add(evidence.QuarantineReasonsBySequence, entry.SequenceNumber, entry.Reason);
            }
        }

        var quarantine = client.GetBlobContainerClient(ResidencyContainers.Quarantine);
        await foreach (var item in quarantine.GetBlobsAsync())
        {
            // {yyyy}/{MM}/{dd}/{partition}/{sequence}/...: entries of this partition only.
            if (item.Name.Split('/') is { Length: > 4 } parts && parts[3] == partitionId)
            {
                evidence.Fingerprint[$"{quarantine.Name}/{item.Name}"] = item.Properties.ETag.ToString()!;
            }
        }

        return evidence;
    }

    /// <summary>Fails unless every sequence number has exactly one outcome in storage: its lines, or one quarantine entry.</summary>
    public void AssertEachSequenceAccountedOnce(IEnumerable<long> sequenceNumbers)
    {
        var expected = sequenceNumbers.ToHashSet();
        foreach (var sequence in expected)
        {
            var levels = LevelsBySequence.GetValueOrDefault(sequence) ?? [];
            var quarantined = QuarantineReasonsBySequence.GetValueOrDefault(sequence) ?? [];
            if (levels.Count > 0 == quarantined.Count > 0 || quarantined.Count > 1 || levels.Distinct().Count() != levels.Count)
            {
                throw new Xunit.Sdk.XunitException(
                    $"Sequence {sequence}: {levels.Count} lines ({string.Join(",", levels)}), {quarantined.Count} quarantine entries ({string.Join(",", quarantined)}).");
            }
        }

        var unexpected = LevelsBySequence.Keys.Concat(QuarantineReasonsBySequence.Keys).Where(s => !expected.Contains(s)).ToList();
        if (unexpected.Count > 0)
        {
            throw new Xunit.Sdk.XunitException($"Lines or entries for sequence numbers never sent: {string.Join(",", unexpected)}");
        }
    }

    private static void Add(Dictionary<long, List<string>> map, long key, string value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(value);
    }
}
