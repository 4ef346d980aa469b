using System.Globalization;

namespace Residency.Storage.Sketches;

/// <summary>
/// A Bloom filter of the vehicle keys in one batch blob, kept in the blob's metadata so a subject request can skip
/// blobs without downloading them. Sized for at most 1% false positives; double hashing (Kirsch-Mitzenmacher).
/// </summary>
public sealed class BloomFilter
{
    /// <summary>The false-positive rate the filter is sized for.</summary>
    public const double TargetFalsePositiveRate = 0.01;

    private const double SizingFalsePositiveRate = 0.008;

    /// <summary>
    /// The largest filter, in bits, that fits the 8 KiB metadata budget as base64 beside the other metadata. Above about
    /// 3,500 distinct vehicles in one blob the false-positive rate rises above the target (a host batch holds far fewer).
    /// </summary>
    public const int MaxBits = 36_000 - (36_000 % 8);

    private readonly byte[] _bits;

    private BloomFilter(byte[] bits, int hashCount)
    {
        _bits = bits;
        HashCount = hashCount;
    }

    /// <summary>The number of bits (m).</summary>
    public int BitCount => _bits.Length * 8;

    /// <summary>The number of hash functions (k).</summary>
    public int HashCount { get; }

    /// <summary>An empty filter sized for <paramref name="expectedKeys"/> keys at <see cref="TargetFalsePositiveRate"/>.</summary>
    public static BloomFilter ForCapacity(int expectedKeys)
    {
        var n = Math.Max(1, expectedKeys);
        // Sized for 0.8% so that the rate stays under the 1% target in practice; at least 256 bits for tiny sets.
        var bits = (int)Math.Ceiling(-n * Math.Log(SizingFalsePositiveRate) / (Math.Log(2) * Math.Log(2)));
        bits = Math.Clamp((bits + 7) / 8 * 8, 256, MaxBits);
        var hashes = Math.Clamp((int)Math.Round(bits / (double)n * Math.Log(2)), 1, 16);
        return new BloomFilter(new byte[bits / 8], hashes);
    }

    /// <summary>Reads a filter from its metadata values; false when they are missing or inconsistent.</summary>
    public static bool TryRead(string? base64Bits, string? bitCount, string? hashCount, out BloomFilter filter)
    {
        filter = null!;
        if (base64Bits is null
            || !int.TryParse(bitCount, NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || !int.TryParse(hashCount, NumberStyles.None, CultureInfo.InvariantCulture, out var k)
            || k is < 1 or > 16 || m <= 0 || m % 8 != 0)
        {
            return false;
        }

        byte[] bits;
        try
        {
            bits = Convert.FromBase64String(base64Bits);
        }
        catch (FormatException)
        {
            return false;
        }

        if (bits.Length * 8 != m)
        {
            return false;
        }

        filter = new BloomFilter(bits, k);
        return true;
    }

    /// <summary>Adds a vehicle key.</summary>
    public void Add(string vehicleKey) => Add(KeyHash.Of(vehicleKey));

    /// <summary>Adds a key by its <see cref="KeyHash"/> (shared with the HyperLogLog sketch, so a key is hashed once).</summary>
    internal void Add((ulong First, ulong Second) hash)
    {
        var (h1, h2) = hash;
        var m = (ulong)BitCount;
        for (var i = 0UL; i < (ulong)HashCount; i++)
        {
            var bit = (h1 + (i * h2)) % m;
            _bits[bit >> 3] |= (byte)(1 << (int)(bit & 7));
        }
    }

    /// <summary>False when the key is certainly not in the set; true when it may be.</summary>
    public bool MayContain(string vehicleKey)
    {
        var (h1, h2) = KeyHash.Of(vehicleKey);
        var m = (ulong)BitCount;
        for (var i = 0UL; i < (ulong)HashCount; i++)
        {
            var bit = (h1 + (i * h2)) % m;
            if ((_bits[bit >> 3] & (1 << (int)(bit & 7))) == 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The bits as base64, for blob metadata.</summary>
    public string ToBase64() => Convert.ToBase64String(_bits);
}
