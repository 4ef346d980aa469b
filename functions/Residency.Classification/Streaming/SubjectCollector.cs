using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Residency.Classification.Streaming;

/// <summary>
/// The persons one upload names (<see cref="ClassifiedUpload.Subjects"/>), one entry per distinct identifier, first seen first.
/// The subject hash is an HMAC, about a microsecond each, so it is computed once per identifier: an upload naming one person in
/// three places hashes once, and a small per-thread cache remembers the hashes of recent identifiers (a vehicle's consecutive
/// uploads name the same owner). Identifiers are remembered by a 128-bit fingerprint, never by their text: no raw value
/// outlives the upload in this cache. Not thread-safe (one per session).
/// </summary>
internal sealed class SubjectCollector
{
    private const int CacheSize = 256;

    // Per process, so an upload cannot steer two identifiers onto one fingerprint.
    private static readonly ulong SeedA = RandomSeed(), SeedB = RandomSeed();

    private readonly CacheEntry[] _cache = new CacheEntry[CacheSize];
    private HashSet<(ulong, ulong)> _seen = [];
    private PseudonymizationKey? _cacheKey;

    public List<IdentifiedSubject> Subjects { get; } = [];

    /// <summary>Counts the person an identifier of <paramref name="kind"/> in canonical form names, unless this upload already did.</summary>
    public void Add(SubjectKind kind, ReadOnlySpan<byte> canonical, PseudonymizationKey key)
    {
        if (canonical.IsEmpty)
        {
            return;
        }

        var a = Fingerprint(canonical, SeedA + (ulong)kind);
        var b = Fingerprint(canonical, SeedB ^ ((ulong)kind << 56));
        if (!_seen.Add((a, b)))
        {
            return;
        }

        if (!ReferenceEquals(_cacheKey, key))
        {
            Array.Clear(_cache);
            _cacheKey = key;
        }

        ref var slot = ref _cache[(int)(a % CacheSize)];
        if (!slot.Used || slot.A != a || slot.B != b)
        {
            slot = new CacheEntry(a, b, key.SubjectHash(kind, canonical), Used: true);
        }

        Subjects.Add(new IdentifiedSubject(SubjectKinds.ToName(kind), slot.Hash));
    }

    public void Clear()
    {
        Subjects.Clear();
        if (_seen.Count > 1024)
        {
            // After an upload naming thousands, start small again (Clear keeps the capacity, and costs it each time).
            _seen = [];
        }
        else
        {
            _seen.Clear();
        }

        if (Subjects.Capacity > 1024)
        {
            Subjects.Capacity = 16;
        }
    }

    /// <summary>A fast 64-bit hash (murmur3's finalizer over 8-byte blocks); two seeds give the 128-bit fingerprint.</summary>
    private static ulong Fingerprint(ReadOnlySpan<byte> data, ulong seed)
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

    private readonly record struct CacheEntry(ulong A, ulong B, ulong Hash, bool Used);
}
