namespace Residency.Storage.Batches;

/// <summary>Argument checks for a batch to commit; messages name the field, never its value.</summary>
internal static class BatchInputs
{
    /// <summary>The events sorted by sequence number, once every input is checked.</summary>
    public static List<PreparedEvent> Validate(PreparedBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        BlobLayout.EnsurePartitionId(batch.PartitionId);
        if (string.IsNullOrEmpty(batch.PolicySha256) || !BlobTags.IsValidValue(batch.PolicySha256))
        {
            throw new ArgumentException("The policy stamp must be tag-safe (it becomes a blob index tag).", nameof(batch));
        }

        ArgumentNullException.ThrowIfNull(batch.Events, nameof(batch));
        var events = batch.Events.OrderBy(e => e.SequenceNumber).ToList();

        // Ledger keys repeat from event to event (a policy has a few dozen): each distinct one is checked once.
        var ledgerKeys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i] ?? throw new ArgumentException("A batch holds a null event.", nameof(batch));
            if (e.SequenceNumber < 0)
            {
                throw new ArgumentException("A sequence number is never negative.", nameof(batch));
            }

            if (i > 0 && events[i - 1].SequenceNumber == e.SequenceNumber)
            {
                throw new ArgumentException("A batch to commit holds each sequence number once.", nameof(batch));
            }

            if (e.Quarantine is { } item)
            {
                BlobLayout.EnsureReasonCode(item.ReasonCode);
                ArgumentNullException.ThrowIfNull(item.Detail, nameof(batch));
                continue;
            }

            BlobLayout.EnsureVehicleKey(e.VehicleKey!);
            if (e.Fragments.Count == 0)
            {
                throw new ArgumentException("A stored event has at least one fragment.", nameof(batch));
            }

            EnsureOneFragmentPerLevel(e.Fragments);

            // Category labels and identifier kinds become ledger keys: policy words, never device text.
            var keysValid = e.Facts.Categories.All(c => c.Fields >= 0 && IsLedgerKey(c.Category, ledgerKeys))
                && e.Facts.Subjects.All(s => IsLedgerKey(s.Kind, ledgerKeys));
            if (!keysValid || e.Facts.SensitiveAreaHits < 0 || e.Facts.ExteriorFrames < 0)
            {
                throw new ArgumentException("Ledger facts name categories and identifier kinds in kebab-case and count from zero.", nameof(batch));
            }
        }

        return events;
    }

    private static void EnsureOneFragmentPerLevel(IReadOnlyList<FragmentToStore> fragments)
    {
        for (var i = 0; i < fragments.Count; i++)
        {
            ResidencyContainers.ForLevel(fragments[i].Level);
            for (var j = 0; j < i; j++)
            {
                if (fragments[j].Level == fragments[i].Level)
                {
                    throw new ArgumentException("A stored event has at most one fragment per level.", nameof(fragments));
                }
            }
        }
    }

    private static bool IsLedgerKey(string key, HashSet<string> checkedKeys) =>
        checkedKeys.Contains(key) || (BlobLayout.IsValidReasonCode(key) && checkedKeys.Add(key));
}
