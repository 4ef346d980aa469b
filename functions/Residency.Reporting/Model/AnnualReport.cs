namespace Residency.Reporting.Model;

/// <summary>
/// The annual automotive data security report (Provisions Art. 13 and 14, Network Data Regulations Art. 33) of one
/// year, built from the audit ledger and the facts file: figures with their sources, statements, findings and checks.
/// </summary>
public sealed record AnnualReport
{
    /// <summary>The schema of report.json.</summary>
    public const string Schema = "residency-annual-report/1";

    /// <summary>The year reported.</summary>
    public required int Year { get; init; }

    /// <summary>The last day asked for (default 15 December).</summary>
    public required DateOnly Through { get; init; }

    /// <summary>The last day the ledger holds a summary for, up to <see cref="Through"/> (null when it holds none).</summary>
    public required DateOnly? LastDayWithData { get; init; }

    /// <summary>When the report was made.</summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>True when missing items are allowed (the page says draft).</summary>
    public required bool Draft { get; init; }

    /// <summary>The account read: its blob endpoint's host and the region the RegionGuard checked.</summary>
    public required string Account { get; init; }

    /// <summary>The region the RegionGuard checked the account against.</summary>
    public required string Region { get; init; }

    /// <summary>The document sets read, each named once.</summary>
    public required IReadOnlyList<SourceSet> Sources { get; init; }

    /// <summary>Every figure, each with its source.</summary>
    public required IReadOnlyList<Figure> Figures { get; init; }

    /// <summary>Every item in words.</summary>
    public required IReadOnlyList<Statement> Statements { get; init; }

    /// <summary>The partitions the ledger holds summaries for, and the first and last day of each.</summary>
    public required IReadOnlyList<PartitionSpan> Partitions { get; init; }

    /// <summary>Partition-days without a summary between the partition's first and last day.</summary>
    public required IReadOnlyList<MissingDay> MissingDays { get; init; }

    /// <summary>Days with summaries that no verification record covers for every partition.</summary>
    public required IReadOnlyList<DateOnly> UnverifiedDays { get; init; }

    /// <summary>Ledger documents that are not what their names say.</summary>
    public required IReadOnlyList<string> UnreadableDocuments { get; init; }

    /// <summary>Deletions completed after the deadline.</summary>
    public required IReadOnlyList<LateDeletion> LateDeletions { get; init; }

    /// <summary>Policies in force.</summary>
    public required IReadOnlyList<PolicyInForce> Policies { get; init; }

    /// <summary>Distinct persons against the thresholds.</summary>
    public required IReadOnlyList<ThresholdCheck> Thresholds { get; init; }

    /// <summary>Quality checks.</summary>
    public required IReadOnlyList<QualityCheck> Checks { get; init; }

    /// <summary>The ids of statements still to be completed.</summary>
    public IReadOnlyList<string> MissingItems => Statements.Where(s => !s.Complete).Select(s => s.Id).ToList();

    /// <summary>True when the ledger is incomplete: a partition-day without a summary, or a document that cannot be read.</summary>
    public bool LedgerIncomplete => MissingDays.Count > 0 || UnreadableDocuments.Count > 0;
}
