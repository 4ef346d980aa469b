using System.Buffers.Binary;
using System.Security.Cryptography;
using Residency.Storage;

namespace Residency.Ingest.FunctionsHost;

/// <summary>Where a whole unreadable invocation request is recorded: no partition or sequence number can be trusted.</summary>
public static class UnreadableInvocation
{
    /// <summary>The pseudo partition id under which unreadable requests are quarantined.</summary>
    public const string PartitionId = "unreadable-invocation";

    /// <summary>
    /// A source position derived from the request bytes alone (the first 63 bits of their SHA-256), so the same
    /// request always maps to the same quarantine entry.
    /// </summary>
    public static SourcePosition SourceFor(ReadOnlySpan<byte> request)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(request, hash);
        var sequence = BinaryPrimitives.ReadInt64BigEndian(hash) & long.MaxValue;
        return new SourcePosition(PartitionId, sequence, null, null);
    }
}
