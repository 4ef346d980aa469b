namespace Residency.Ingest;

/// <summary>What happened to a batch: one <see cref="EventOutcome"/> per input event, and the counts.</summary>
public sealed class IngestOutcome
{
    /// <summary>Creates the outcome from per-event results (in input order).</summary>
    public IngestOutcome(string partitionId, IReadOnlyList<EventOutcome> events, long storageRequests = 0)
    {
        ArgumentNullException.ThrowIfNull(events);
        PartitionId = partitionId;
        Events = events;
        StorageRequests = storageRequests;
        CountsByLevel = Count(events.SelectMany(e => e.Levels));
        CountsByDisposition = Count(events.Select(e => DispositionName(e.Disposition)));
        CountsByReason = Count(events.Where(e => e.ReasonCode is not null).Select(e => e.ReasonCode!));
    }

    /// <summary>The partition the batch came from.</summary>
    public string PartitionId { get; }

    /// <summary>One outcome per input event, in input order.</summary>
    public IReadOnlyList<EventOutcome> Events { get; }

    /// <summary>Storage requests the batch cost (every attempt, as billed).</summary>
    public long StorageRequests { get; }

    /// <summary>The lowest sequence number in the batch (-1 when empty).</summary>
    public long FirstSequenceNumber => Events.Count == 0 ? -1 : Events.Min(e => e.SequenceNumber);

    /// <summary>The highest sequence number in the batch (-1 when empty).</summary>
    public long LastSequenceNumber => Events.Count == 0 ? -1 : Events.Max(e => e.SequenceNumber);

    /// <summary>Fragments committed now per level name.</summary>
    public IReadOnlyDictionary<string, int> CountsByLevel { get; }

    /// <summary>Events per disposition name (stored, quarantined, already-committed).</summary>
    public IReadOnlyDictionary<string, int> CountsByDisposition { get; }

    /// <summary>Quarantined events per reason code.</summary>
    public IReadOnlyDictionary<string, int> CountsByReason { get; }

    /// <summary>The kebab-case name of a disposition.</summary>
    public static string DispositionName(EventDisposition disposition) => disposition switch
    {
        EventDisposition.Stored => "stored",
        EventDisposition.Quarantined => "quarantined",
        EventDisposition.AlreadyCommitted => "already-committed",
        _ => throw new ArgumentOutOfRangeException(nameof(disposition)),
    };

    private static SortedDictionary<string, int> Count(IEnumerable<string> keys)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return counts;
    }
}
