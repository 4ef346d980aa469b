namespace Residency.Storage.Audit;

/// <summary>What <c>audit verify</c> checks: which China Standard Time days and partitions, and how deeply.</summary>
public sealed record AuditScope
{
    /// <summary>Every day and partition, every blob.</summary>
    public static AuditScope Everything { get; } = new();

    /// <summary>The first day to check; null checks every day the ledger holds.</summary>
    public DateOnly? From { get; init; }

    /// <summary>The last day to check (inclusive); null means <see cref="From"/> alone.</summary>
    public DateOnly? Until { get; init; }

    /// <summary>Only these partitions; null means all.</summary>
    public IReadOnlyCollection<string>? Partitions { get; init; }

    /// <summary>Check the blobs of this many random commits per partition and day instead of all; null checks all.</summary>
    public int? SampleCommits { get; init; }

    /// <summary>Partition-days verified at once (storage requests in flight are bounded separately).</summary>
    public int Concurrency { get; init; } = 8;

    /// <summary>The seed of the sample's choice (a run can be repeated).</summary>
    public int SampleSeed { get; init; } = Environment.TickCount;

    /// <summary>True when <paramref name="partitionId"/> is in scope.</summary>
    public bool Includes(string partitionId) => Partitions is null || Partitions.Contains(partitionId);
}
