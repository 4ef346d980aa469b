namespace Residency.Ingest;

/// <summary>The outcome of one event: safe to log (no content, no identifiers from the upload).</summary>
/// <param name="SequenceNumber">The event's sequence number.</param>
/// <param name="Disposition">Where it ended up.</param>
/// <param name="ReasonCode">Why it was quarantined; null otherwise.</param>
/// <param name="Levels">The level names of the fragments written for it (empty when quarantined).</param>
public sealed record EventOutcome(long SequenceNumber, EventDisposition Disposition, string? ReasonCode, IReadOnlyList<string> Levels);
