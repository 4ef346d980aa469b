using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Residency.Operations.Requests;

/// <summary>
/// Request ids: 16 lowercase hex digits derived from the ticket, so the same ticket posted twice names the same request
/// (idempotent without a lookup), and the id fits the receipts' naming (<c>BlobLayout.ReceiptName</c>).
/// </summary>
public static partial class SubjectRequestIds
{
    /// <summary>The id of the request a ticket opens.</summary>
    public static string FromTicket(string ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("residency-subject-request/1\n" + ticket));
        return Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }

    /// <summary>True for the shape of an id (anything else is unknown without a storage call).</summary>
    public static bool IsWellFormed(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex("^[0-9a-f]{16}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
