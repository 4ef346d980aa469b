namespace Residency.Ingest;

/// <summary>Where one event ended up.</summary>
public enum EventDisposition
{
    /// <summary>Classified and its fragments written now.</summary>
    Stored,

    /// <summary>Classified and found already written with the same content (a redelivery).</summary>
    AlreadyStored,

    /// <summary>Its message id already held different content; the store recorded it in quarantine, the original is untouched.</summary>
    Conflict,

    /// <summary>Refused (bad encoding, invalid upload, ...) and kept in quarantine with its raw bytes and reason.</summary>
    Quarantined,
}
