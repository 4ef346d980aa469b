using System.Globalization;
using Residency.Storage;

namespace Residency.Functions.Tests.Infrastructure;

/// <summary>What storage holds for one partition: fragments and quarantine entries by sequence number, audit entries.</summary>
internal sealed class StorageEvidence
{
    private static readonly string[] LevelContainers =
        [ResidencyContainers.General, ResidencyContainers.Personal, ResidencyContainers.Sensitive, ResidencyContainers.Important];

    public Dictionary<long, List<string>> FragmentLevelsBySequence { get; } = [];

    public Dictionary<long, List<string>> QuarantineReasonsBySequence { get; } = [];

    public List<string> AuditBlobs { get; } = [];

    /// <summary>Every blob of the partition with its ETag: equal fingerprints mean nothing was written or rewritten.</summary>
    public SortedDictionary<string, string> Fingerprint { get; } = new(StringComparer.Ordinal);

    public static async Task<StorageEvidence> ReadAsync(BlobRestClient client, string partitionId)
    {
        var evidence = new StorageEvidence();
        foreach (var container in LevelContainers)
        {
            await foreach (var blob in client.GetBlobsAsync(container))
            {
                if (blob.Properties.Metadata.TryGetValue(StoreMetadata.SourcePartition, out var partition) && partition == partitionId)
                {
                    var sequence = long.Parse(blob.Properties.Metadata[StoreMetadata.SourceSequence], CultureInfo.InvariantCulture);
                    Add(evidence.FragmentLevelsBySequence, sequence, container["vehicle-".Length..]);
                    evidence.Fingerprint[$"{container}/{blob.Name}"] = blob.Properties.ETag.ToString();
                }
            }
        }

        await foreach (var blob in client.GetBlobsAsync(ResidencyContainers.Quarantine, partitionId + "/"))
        {
            var parts = blob.Name.Split('/');
            var sequence = long.Parse(parts[1], CultureInfo.InvariantCulture);
            Add(evidence.QuarantineReasonsBySequence, sequence, parts[2][..parts[2].IndexOf('.', StringComparison.Ordinal)]);
            evidence.Fingerprint[$"{ResidencyContainers.Quarantine}/{blob.Name}"] = blob.Properties.ETag.ToString();
        }

        await foreach (var blob in client.GetBlobsAsync(ResidencyContainers.Audit, partitionId + "/"))
        {
            evidence.AuditBlobs.Add(blob.Name);
            evidence.Fingerprint[$"{ResidencyContainers.Audit}/{blob.Name}"] = blob.Properties.ETag.ToString();
        }

        return evidence;
    }

    /// <summary>Fails unless every sequence number has exactly one outcome in storage: its fragments, or one quarantine entry.</summary>
    public void AssertEachSequenceAccountedOnce(IEnumerable<long> sequenceNumbers)
    {
        var expected = sequenceNumbers.ToHashSet();
        foreach (var sequence in expected)
        {
            var fragments = FragmentLevelsBySequence.GetValueOrDefault(sequence) ?? [];
            var quarantined = QuarantineReasonsBySequence.GetValueOrDefault(sequence) ?? [];
            if (fragments.Count > 0 == quarantined.Count > 0 || quarantined.Count > 1 || fragments.Distinct().Count() != fragments.Count)
            {
                throw new Xunit.Sdk.XunitException(
                    $"Sequence {sequence}: {fragments.Count} fragments ({string.Join(",", fragments)}), {quarantined.Count} quarantine entries ({string.Join(",", quarantined)}).");
            }
        }

        var unexpected = FragmentLevelsBySequence.Keys.Concat(QuarantineReasonsBySequence.Keys).Where(s => !expected.Contains(s)).ToList();
        if (unexpected.Count > 0)
        {
            throw new Xunit.Sdk.XunitException($"Blobs for sequence numbers never sent: {string.Join(",", unexpected)}");
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
