using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Residency.Storage.Sketches;

/// <summary>
/// Two independent 64-bit hashes of a vehicle key, for the Bloom filter and the HyperLogLog sketch. SHA-256 keeps
/// them uniform and identical on every host whatever the key's form.
/// </summary>
internal static class KeyHash
{
    public static (ulong First, ulong Second) Of(string vehicleKey)
    {
        Span<byte> utf8 = stackalloc byte[Encoding.ASCII.GetMaxByteCount(vehicleKey.Length)];
        var length = Encoding.ASCII.GetBytes(vehicleKey, utf8);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..length], hash);
        return (BinaryPrimitives.ReadUInt64BigEndian(hash), BinaryPrimitives.ReadUInt64BigEndian(hash[8..]));
    }
}
