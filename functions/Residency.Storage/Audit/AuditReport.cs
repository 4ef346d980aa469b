namespace Residency.Storage.Audit;

/// <summary>What <c>audit verify</c> can find wrong.</summary>
public enum AuditProblemKind
{
    /// <summary>Sequence numbers no commit covers (between commits, or inside one with no line or entry).</summary>
    Gap,

    /// <summary>Sequence numbers covered twice (two commits, two lines of one level, or stored and quarantined).</summary>
    Overlap,

    /// <summary>A level blob or quarantine entry that no commit record (or attempt in flight) names.</summary>
    Orphan,

    /// <summary>A blob whose SHA-256 is neither its commit record's nor the one a deletion receipt gave it.</summary>
    HashMismatch,

    /// <summary>A blob a commit record names that is not there (and no deletion receipt removed).</summary>
    MissingBlob,

    /// <summary>A record, head, receipt or blob that cannot be read, or a line outside its commit's partition and range.</summary>
    Malformed,

    /// <summary>A partition head that disagrees with the commit records (ahead of them, or missing).</summary>
    HeadMismatch,
}

/// <summary>One finding: what, in which partition, and where (names and sequence numbers only, never content).</summary>
public sealed record AuditProblem(AuditProblemKind Kind, string PartitionId, string Detail);

/// <summary>The result of <c>audit verify</c>: what was checked and every problem found.</summary>
public sealed record AuditReport(
    int Partitions, int Commits, long SequenceNumbers, long Stored, long Quarantined, long Erased,
    int LevelBlobs, int InFlight, int Receipts, IReadOnlyList<AuditProblem> Problems)
{
    /// <summary>True when committed data covers every sequence number exactly once and nothing else was found.</summary>
    public bool IsClean => Problems.Count == 0;
}

/// <summary>Progress of a long verification: the stage and how far it got.</summary>
public readonly record struct AuditProgress(string Stage, long Done, long Total);
