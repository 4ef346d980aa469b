namespace Residency.Operations.Requests;

/// <summary>Everything the API tells about one request: the record, its outcome and receipt once completed, its deadline.</summary>
/// <param name="Record">The request as received.</param>
/// <param name="Outcome">The outcome, or null while open.</param>
/// <param name="Receipt">The receipt's JSON (residency-access/1 or residency-deletion/1), or null while open.</param>
/// <param name="Deadline">The deadline, or null when the calendar lacks a year the request spans.</param>
public sealed record SubjectRequestView(SubjectRequestRecord Record, SubjectRequestOutcome? Outcome, ReadOnlyMemory<byte>? Receipt, SubjectDeadline? Deadline)
{
    /// <summary><c>open</c> or <c>completed</c>.</summary>
    public string Status => Outcome is null ? "open" : "completed";
}
