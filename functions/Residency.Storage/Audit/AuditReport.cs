using Residency.Storage.Batches;

namespace Residency.Storage.Audit;

/// <summary>What <c>audit verify</c> can find wrong.</summary>
public enum AuditProblemKind
{
    /// <summary>Sequence numbers no commit covers (between commits, inside one with no line or entry, or at a day's edge).</summary>
    Gap,

    /// <summary>Sequence numbers covered twice (two commits, two lines of one level, or stored and quarantined).</summary>
    Overlap,

    /// <summary>A level blob or quarantine entry that no commit record (or attempt in flight) names.</summary>
    Orphan,

    /// <summary>A blob whose SHA-256 is neither its commit record's nor the one a deletion receipt gave it.</summary>
    HashMismatch,

    /// <summary>A blob a commit record names that is not there (and no deletion receipt removed).</summary>
    MissingBlob,

    /// <summary>A record, head, summary, receipt or blob that cannot be read, or a line outside its commit's partition and range.</summary>
    Malformed,

    /// <summary>A partition head that disagrees with the commit records (ahead of them, or missing).</summary>
    HeadMismatch,

    /// <summary>A sealed day without its summary (deleted), or commits of a day whose summary is gone.</summary>
    MissingSummary,

    /// <summary>A day summary whose figures are not those of the day's commit records and receipts (edited, or written wrongly).</summary>
    SummaryMismatch,

    /// <summary>A day summary whose link to the previous day's summary does not hold (a day deleted or edited).</summary>
    BrokenChain,
}

/// <summary>
/// One finding: what, in which partition (and day), and where (names and sequence numbers only, never content);
/// <see cref="Blob"/> names the blob an orphan finding is about.
/// </summary>
public sealed record AuditProblem(AuditProblemKind Kind, string PartitionId, string Detail)
{
    /// <summary>The China Standard Time day the finding belongs to, when it belongs to one.</summary>
    public DateOnly? Day { get; init; }

    /// <summary>The blob of an orphan finding.</summary>
    public BlobReference? Blob { get; init; }
}

/// <summary>One partition's day as verified: sealed or still open, commits read, commits whose blobs were checked.</summary>
public sealed record DayCheck(DateOnly Day, string PartitionId, bool Sealed, int Commits, int CommitsHashChecked, long SequenceNumbers);

/// <summary>The result of <c>audit verify</c>: what was checked and every problem found.</summary>
public sealed record AuditReport(
    int Partitions, int Commits, long SequenceNumbers, long Stored, long Quarantined, long Erased,
    int LevelBlobs, int InFlight, int Receipts, IReadOnlyList<AuditProblem> Problems)
{
    /// <summary>Every partition-day checked.</summary>
    public IReadOnlyList<DayCheck> Days { get; init; } = [];

    /// <summary>Commits whose blobs were downloaded and checked (all of them unless a sample was asked for).</summary>
    public int CommitsHashChecked { get; init; }

    /// <summary>True when only a sample of each day's commits had its blobs checked.</summary>
    public bool Sampled { get; init; }

    /// <summary>The share of commits whose blobs were checked (1 for a full check).</summary>
    public double CheckedShare => Commits == 0 ? 1 : (double)CommitsHashChecked / Commits;

    /// <summary>Partition-days sealed with a summary and checked against it.</summary>
    public int SealedDays => Days.Count(d => d.Sealed);

    /// <summary>Partition-days still open (no summary yet): checked against their commits only.</summary>
    public int OpenDays => Days.Count(d => !d.Sealed);

    /// <summary>True when nothing was found wrong in what was checked.</summary>
    public bool IsClean => Problems.Count == 0;
}

/// <summary>Progress of a long verification: the stage and how far it got.</summary>
public readonly record struct AuditProgress(string Stage, long Done, long Total);
