namespace Residency.Reporting.Model;

/// <summary>
/// An item of the report in words, from the facts file, the ARM parameters or the ledger; <see cref="Text"/> null means
/// missing: shown as "to be completed" (待补充), and the command exits 3 unless the report is a draft.
/// </summary>
public sealed record Statement(string Id, string Section, string Label, string? Text, string Source)
{
    /// <summary>Shown for a missing item.</summary>
    public const string ToBeCompleted = "待补充 / to be completed";

    /// <summary>True when the item is filled in.</summary>
    public bool Complete => Text is not null;
}

/// <summary>A check a provincial reviewer applies, and what it found.</summary>
public sealed record QualityCheck(string Id, string Label, bool Passed, string Detail);

/// <summary>A partition-day the ledger should hold a summary for and does not.</summary>
public sealed record MissingDay(string Partition, DateOnly Day);

/// <summary>A deletion completed later than the deadline: ids and days only.</summary>
public sealed record LateDeletion(string RequestId, string Receipt, DateOnly Requested, DateOnly Completed, int WorkingDays, DateOnly Deadline);

/// <summary>A policy in force during the period, by SHA-256 stamp, with the days it was seen.</summary>
public sealed record PolicyInForce(string Sha256, DateOnly First, DateOnly Last, int Summaries);

/// <summary>
/// Distinct persons held, year to date, against a threshold: the lower and upper estimates and what they say
/// (<c>below</c>, <c>above</c>, or <c>undetermined</c> when the threshold lies within the error band: treat as reached).
/// </summary>
public sealed record ThresholdCheck(string Id, string Label, long Threshold, string Basis, long Low, long High, string Status);

/// <summary>A partition the ledger holds summaries for in the period: its first and last day, and how many summaries.</summary>
public sealed record PartitionSpan(string Partition, DateOnly First, DateOnly Last, int Summaries);
