using System.Security.Cryptography;
using System.Text;

namespace Residency.Functions.Endpoints;

/// <summary>Request text that reaches a log line: the host's invocation id when it is a GUID, else only a hash of it.</summary>
internal static class LogSafe
{
    public static string InvocationId(string? header)
    {
        if (Guid.TryParseExact(header, "D", out var id))
        {
            return id.ToString("D");
        }

        return string.IsNullOrEmpty(header)
            ? "-"
            : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(header)))[..16];
    }
}
