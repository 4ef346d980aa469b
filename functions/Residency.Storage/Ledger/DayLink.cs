namespace Residency.Storage.Ledger;

/// <summary>A link of a partition's chain of day summaries: the day and the SHA-256 of its summary's bytes.</summary>
public sealed record DayLink(DateOnly Day, string Sha256);
