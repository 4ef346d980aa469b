using Residency.Storage.Audit;

namespace Residency.Reporting.Ledger;

/// <summary>
/// What the report read from the audit container besides the day summaries (which are folded as they come): the
/// verification records and subject-request receipts of the period, the count of summaries, and every document that
/// could not be read as what its name says.
/// </summary>
public sealed record LedgerDocuments(
    int Summaries,
    IReadOnlyList<VerificationRead> Verifications,
    IReadOnlyList<SubjectRequest> Deletions,
    IReadOnlyList<SubjectRequest> Accesses,
    IReadOnlyList<string> Unreadable);

/// <summary>Progress of reading the ledger: documents read of those listed so far.</summary>
public sealed record LedgerProgress(string Stage, int Done, int Total);

/// <summary>A verification record and its name in the audit container.</summary>
public sealed record VerificationRead(string Name, VerificationRecord Record);
