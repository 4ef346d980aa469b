namespace Residency.Storage;

/// <summary>Where an event came from in Event Hubs: it names quarantine entries and travels in blob metadata.</summary>
public sealed record SourcePosition(string PartitionId, long SequenceNumber, string? Offset, DateTimeOffset? EnqueuedTimeUtc);

/// <summary>One level's fragment of a classified upload. <paramref name="Level"/> is <c>general</c>..<c>important</c>;
/// <paramref name="Category"/> is tag-safe (<c>[a-z0-9-]</c>).</summary>
public sealed record FragmentToStore(string Level, string Category, ReadOnlyMemory<byte> Content);

/// <summary>A classified upload ready to store: one fragment per level it touches.</summary>
public sealed record UploadToStore(
    string MessageId,
    string VehicleKey,
    DateTimeOffset CapturedAt,
    string Schema,
    string PolicySha256,
    IReadOnlyList<FragmentToStore> Fragments,
    SourcePosition Source);

/// <summary>How storing an upload ended.</summary>
public enum UploadStoreStatus
{
    /// <summary>At least one fragment was written now (the rest, if any, were already there with the same content).</summary>
    Stored,

    /// <summary>Every fragment was already stored with the same content (a redelivered event).</summary>
    AlreadyStored,

    /// <summary>Different content already existed for at least one fragment: it was recorded in quarantine, the original is untouched.</summary>
    Conflict,
}

/// <summary>The outcome of <see cref="ResidencyStore.StoreUploadAsync"/>.</summary>
public sealed record UploadStoreResult(UploadStoreStatus Status);

/// <summary>An event that could not be stored as fragments. <paramref name="ReasonCode"/> is kebab-case;
/// <paramref name="Detail"/> must not hold sensitive values (it is stored, never logged).</summary>
public sealed record QuarantineItem(ReadOnlyMemory<byte> RawBytes, string ReasonCode, string Detail, SourcePosition Source)
{
    /// <summary>The vehicle key when known (a conflicting re-write): tagged <c>vehicle</c> so PIPL requests find it.</summary>
    public string? VehicleKey { get; init; }
}

/// <summary>The ledger entry for one processed batch of one partition.</summary>
public sealed record AuditRecord(
    string PartitionId,
    long FirstSequenceNumber,
    long LastSequenceNumber,
    IReadOnlyDictionary<string, int> CountsByLevel,
    IReadOnlyDictionary<string, int> CountsByOutcome,
    string PolicySha256);

/// <summary>Settings of <see cref="ResidencyStore"/>.</summary>
public sealed class ResidencyStoreOptions
{
    /// <summary>The Azure region of the storage account (<c>chinanorth3</c> or <c>chinanorth2</c>); also written as the <c>region</c> tag.</summary>
    public string Region { get; init; } = "chinanorth3";

    /// <summary>The most blob requests in flight at once across all callers of one store.</summary>
    public int MaxConcurrency { get; init; } = 8;

    /// <summary>True only in the Development environment: allows a loopback (Azurite) endpoint.</summary>
    public bool IsDevelopment { get; init; }
}
