namespace Residency.Ingest;

/// <summary>Where one event ended up.</summary>
public enum EventDisposition
{
    /// <summary>Classified and its fragments committed now, as lines of the batch's level blobs.</summary>
    Stored,

    /// <summary>Refused (bad encoding, invalid upload, ...) and committed now to quarantine with its raw bytes and reason.</summary>
    Quarantined,

    /// <summary>Committed by an earlier delivery (stored or quarantined then): a redelivery changes nothing.</summary>
    AlreadyCommitted,
}
