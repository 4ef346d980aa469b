using System.Buffers.Binary;
using System.Numerics;

namespace Residency.Storage.Sketches;

/// <summary>
/// A HyperLogLog sketch of distinct vehicle keys (precision 12: 4,096 registers, about 1.6% standard error). Commit
/// records carry one per level, so distinct-subject counts for any period come from the ledger alone: merge the
/// sketches of the period's commits and estimate.
/// </summary>
public sealed class HyperLogLog
{
    /// <summary>The precision every sketch of this project uses (registers = 2^precision).</summary>
    public const int DefaultPrecision = 12;

    private readonly byte[] _registers;

    /// <summary>An empty sketch.</summary>
    public HyperLogLog(int precision = DefaultPrecision)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(precision, 4);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(precision, 16);
        Precision = precision;
        _registers = new byte[1 << precision];
    }

    /// <summary>The precision p (2^p registers).</summary>
    public int Precision { get; }

    /// <summary>Adds a vehicle key.</summary>
    public void Add(string vehicleKey) => Add(KeyHash.Of(vehicleKey));

    /// <summary>Adds a key by its <see cref="KeyHash"/> (shared with the Bloom filter, so a key is hashed once).</summary>
    internal void Add((ulong First, ulong Second) keyHash) => AddHash(keyHash.First);

    /// <summary>Adds an item by a uniform 64-bit hash of it (a keyed pseudonym's first bytes, for example).</summary>
    public void AddHash(ulong hash)
    {
        var index = (int)(hash >> (64 - Precision));
        var rest = hash << Precision;
        var rank = (byte)Math.Min(BitOperations.LeadingZeroCount(rest) + 1, 64 - Precision + 1);
        if (rank > _registers[index])
        {
            _registers[index] = rank;
        }
    }

    /// <summary>Adds every key of another sketch of the same precision.</summary>
    public void Merge(HyperLogLog other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Precision != Precision)
        {
            throw new ArgumentException("Only sketches of the same precision can be merged.", nameof(other));
        }

        for (var i = 0; i < _registers.Length; i++)
        {
            _registers[i] = Math.Max(_registers[i], other._registers[i]);
        }
    }

    /// <summary>A copy with the same registers.</summary>
    public HyperLogLog Clone()
    {
        var copy = new HyperLogLog(Precision);
        _registers.CopyTo(copy._registers, 0);
        return copy;
    }

    /// <summary>
    /// The relative standard error of <see cref="Estimate"/> (1.04 / sqrt(registers)): about 1.6% at precision 12.
    /// </summary>
    public double StandardError => 1.04 / Math.Sqrt(_registers.Length);

    /// <summary>The estimated number of distinct keys added.</summary>
    public double Estimate()
    {
        var m = (double)_registers.Length;
        var alpha = _registers.Length switch
        {
            16 => 0.673,
            32 => 0.697,
            64 => 0.709,
            _ => 0.7213 / (1 + (1.079 / m)),
        };
        double sum = 0;
        var zeros = 0;
        foreach (var register in _registers)
        {
            sum += Math.ScaleB(1.0, -register);
            if (register == 0)
            {
                zeros++;
            }
        }

        var raw = alpha * m * m / sum;
        // Small cardinalities: linear counting is far more accurate than the raw estimate.
        return raw <= 2.5 * m && zeros > 0 ? m * Math.Log(m / zeros) : raw;
    }

    /// <summary>
    /// The registers as base64: sparse (big-endian index and rank per non-zero register) when that is shorter, else
    /// dense (one byte per register). <paramref name="encoding"/> says which.
    /// </summary>
    public string ToBase64(out string encoding)
    {
        var nonZero = _registers.Count(r => r != 0);
        if (nonZero * 3 < _registers.Length)
        {
            var sparse = new byte[nonZero * 3];
            var at = 0;
            for (var i = 0; i < _registers.Length; i++)
            {
                if (_registers[i] != 0)
                {
                    BinaryPrimitives.WriteUInt16BigEndian(sparse.AsSpan(at), (ushort)i);
                    sparse[at + 2] = _registers[i];
                    at += 3;
                }
            }

            encoding = "sparse";
            return Convert.ToBase64String(sparse);
        }

        encoding = "dense";
        return Convert.ToBase64String(_registers);
    }

    /// <summary>Reads a sketch written by <see cref="ToBase64"/>; throws <see cref="FormatException"/> when it is malformed.</summary>
    public static HyperLogLog FromBase64(int precision, string encoding, string base64)
    {
        var sketch = new HyperLogLog(precision);
        var bytes = Convert.FromBase64String(base64);
        if (encoding == "dense" && bytes.Length == sketch._registers.Length)
        {
            bytes.CopyTo(sketch._registers, 0);
            return sketch;
        }

        if (encoding == "sparse" && bytes.Length % 3 == 0)
        {
            for (var at = 0; at < bytes.Length; at += 3)
            {
                var index = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(at));
                if (index >= sketch._registers.Length)
                {
                    throw new FormatException("A sparse HyperLogLog register index is out of range.");
                }

                sketch._registers[index] = bytes[at + 2];
            }

            return sketch;
        }

        throw new FormatException($"A HyperLogLog sketch with encoding '{encoding}' and {bytes.Length} bytes is malformed.");
    }
}
