using System.Globalization;
using System.Text.Json;
using Residency.Storage.Subjects;

namespace Residency.Reporting.Ledger;

/// <summary>A completed access or deletion request as its receipt in the audit container records it (no vehicle key kept).</summary>
/// <param name="Name">The receipt's name in the audit container.</param>
/// <param name="RequestId">The request id (random hex).</param>
/// <param name="RequestedAt">When the request was made.</param>
/// <param name="CompletedAt">When it was completed.</param>
public sealed record SubjectRequest(string Name, string RequestId, DateTimeOffset RequestedAt, DateTimeOffset CompletedAt)
{
    /// <summary>The schema of access receipts (<c>accesses/{yyyy}/{MM}/{dd}/{requestId}.json</c>).</summary>
    public const string AccessSchema = "residency-access/1";

    /// <summary>Reads a deletion receipt (residency-deletion/1); throws <see cref="FormatException"/> when it is not one.</summary>
    public static SubjectRequest FromDeletion(string name, ReadOnlySpan<byte> utf8Json)
    {
        var receipt = DeletionReceipt.Read(utf8Json);
        return new SubjectRequest(name, receipt.RequestId, receipt.RequestedAt, receipt.CompletedAt);
    }

    /// <summary>Reads an access receipt (residency-access/1: requestId, requestedAt, completedAt); throws <see cref="FormatException"/> otherwise.</summary>
    public static SubjectRequest FromAccess(string name, ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8Json.ToArray());
            var root = document.RootElement;
            if (root.GetProperty("schema").GetString() != AccessSchema)
            {
                throw new FormatException($"Not a {AccessSchema} document.");
            }

            return new SubjectRequest(
                name,
                root.GetProperty("requestId").GetString()!,
                DateTimeOffset.Parse(root.GetProperty("requestedAt").GetString()!, CultureInfo.InvariantCulture),
                DateTimeOffset.Parse(root.GetProperty("completedAt").GetString()!, CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new FormatException($"Not a well-formed {AccessSchema} document.", e);
        }
    }
}
