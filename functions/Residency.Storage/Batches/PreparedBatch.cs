namespace Residency.Storage.Batches;

/// <summary>One level's fragment of a classified upload: <paramref name="Level"/> is <c>general</c>..<c>important</c>,
/// <paramref name="Json"/> a JSON object (docs/architecture.md).</summary>
public sealed record FragmentToStore(string Level, ReadOnlyMemory<byte> Json);

/// <summary>An event that cannot be stored as fragments. <paramref name="ReasonCode"/> is kebab-case;
/// <paramref name="Detail"/> must not hold sensitive values (it is stored, never logged).</summary>
public sealed record QuarantineItem(ReadOnlyMemory<byte> RawBytes, string ReasonCode, string Detail);

/// <summary>
/// One event of a batch, decoded and classified, ready to commit: either its fragments (with the vehicle key) or a
/// quarantine entry. Build it with <see cref="Stored"/> or <see cref="Quarantined"/>.
/// </summary>
public sealed record PreparedEvent
{
    private PreparedEvent(long sequenceNumber, DateTimeOffset? enqueuedTimeUtc, string? offset)
    {
        SequenceNumber = sequenceNumber;
        EnqueuedTimeUtc = enqueuedTimeUtc;
        Offset = offset;
    }

    /// <summary>The event's sequence number in its partition.</summary>
    public long SequenceNumber { get; }

    /// <summary>When Event Hubs accepted the event, when known; the first event's date names the batch's folder.</summary>
    public DateTimeOffset? EnqueuedTimeUtc { get; }

    /// <summary>The event's offset, when known (recorded with quarantine entries).</summary>
    public string? Offset { get; }

    /// <summary>The vehicle key (HMAC of the VIN) of a classified event; null for a quarantined one.</summary>
    public string? VehicleKey { get; private init; }

    /// <summary>The fragments of a classified event, at most one per level; empty for a quarantined one.</summary>
    public IReadOnlyList<FragmentToStore> Fragments { get; private init; } = [];

    /// <summary>Why and what to keep, for a quarantined event; null for a classified one.</summary>
    public QuarantineItem? Quarantine { get; private init; }

    /// <summary>What a classified event adds to its day's ledger besides its lines.</summary>
    public EventFacts Facts { get; private init; } = EventFacts.None;

    /// <summary>A classified event with its fragments and what the classifier reported about it.</summary>
    public static PreparedEvent Stored(
        long sequenceNumber, DateTimeOffset? enqueuedTimeUtc, string? offset, string vehicleKey, IReadOnlyList<FragmentToStore> fragments,
        EventFacts? facts = null) =>
        new(sequenceNumber, enqueuedTimeUtc, offset) { VehicleKey = vehicleKey, Fragments = fragments, Facts = facts ?? EventFacts.None };

    /// <summary>An event kept in quarantine with its raw bytes and reason.</summary>
    public static PreparedEvent Quarantined(
        long sequenceNumber, DateTimeOffset? enqueuedTimeUtc, string? offset, QuarantineItem item) =>
        new(sequenceNumber, enqueuedTimeUtc, offset) { Quarantine = item };
}

/// <summary>The prepared events of one invocation: one partition, distinct sequence numbers.</summary>
/// <param name="PartitionId">The Event Hubs partition.</param>
/// <param name="PolicySha256">The stamp of the policy the events were classified with.</param>
/// <param name="Events">The events, distinct by sequence number (any order).</param>
public sealed record PreparedBatch(string PartitionId, string PolicySha256, IReadOnlyList<PreparedEvent> Events);

/// <summary>What a commit did: which sequence numbers this call committed, and where the partition now stands.</summary>
/// <param name="CommittedNow">Sequence numbers stored or quarantined by this call.</param>
/// <param name="CommittedThrough">The partition's highest committed sequence number after the call (-1 when none).</param>
/// <param name="CommitName">The commit record written by this call, or null when every event was committed before.</param>
/// <param name="Attempts">Write attempts it took (more than one when another instance committed meanwhile).</param>
public sealed record BatchCommitResult(IReadOnlySet<long> CommittedNow, long CommittedThrough, string? CommitName, int Attempts);
