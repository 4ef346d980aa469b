using Residency.Storage;

namespace Residency.Ingest;

/// <summary>Builds a batch's audit-ledger record with content that a redelivery reproduces exactly.</summary>
internal static class AuditEntry
{
    /// <summary>
    /// Counts "stored" for both first writes and redelivered ones, so replaying a batch (or retrying it after a
    /// partial write) yields the same record instead of a conflicting one.
    /// </summary>
    public static AuditRecord For(IngestOutcome outcome, string policySha256)
    {
        var byOutcome = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in outcome.Events)
        {
            var key = e.Disposition switch
            {
                EventDisposition.Stored or EventDisposition.AlreadyStored => "stored",
                EventDisposition.Conflict => "conflict",
                _ => "quarantined",
            };
            byOutcome[key] = byOutcome.GetValueOrDefault(key) + 1;
            if (e.ReasonCode is { } reason)
            {
                var reasonKey = "quarantined:" + reason;
                byOutcome[reasonKey] = byOutcome.GetValueOrDefault(reasonKey) + 1;
            }
        }

        return new AuditRecord(outcome.PartitionId, outcome.FirstSequenceNumber, outcome.LastSequenceNumber,
            outcome.CountsByLevel, byOutcome, policySha256);
    }
}
