using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Residency.Classification.Streaming;

/// <summary>
/// A fast 128-bit fingerprint of bytes (two 64-bit lanes of murmur3's finalizer over 8-byte blocks), seeded randomly per
/// process so an upload cannot steer two texts onto one. For remembering what was seen without keeping the text; not a
/// cryptographic hash and never stored.
/// </summary>
internal static class Fingerprint
{
    private static readonly ulong SeedA = RandomSeed(), SeedB = RandomSeed();

    /// <summary>The fingerprint of <paramref name="data"/> within <paramref name="domain"/> (texts of two domains never share one on purpose).</summary>
    public static (ulong A, ulong B) Of(ReadOnlySpan<byte> data, ulong domain = 0) =>
        (Lane(data, SeedA + domain), Lane(data, SeedB ^ (domain << 56)));

    private static ulong Lane(ReadOnlySpan<byte> data, ulong seed)
    {
        var h = seed ^ ((ulong)data.Length * 0x9E3779B97F4A7C15UL);
        while (data.Length >= 8)
        {
            h = Mix(h ^ BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }

        ulong tail = 0;
        for (var i = 0; i < data.Length; i++)
        {
            tail |= (ulong)data[i] << (8 * i);
        }

        return Mix(Mix(h ^ tail ^ 0x5851F42D4C957F2DUL));
    }

    private static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xFF51AFD7ED558CCDUL;
        x ^= x >> 33;
        x *= 0xC4CEB9FE1A85EC53UL;
        return x ^ (x >> 33);
    }

    private static ulong RandomSeed() => BinaryPrimitives.ReadUInt64LittleEndian(RandomNumberGenerator.GetBytes(8));
}
