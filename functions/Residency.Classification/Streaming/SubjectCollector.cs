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
    /// <summary>The most persons one upload has hashed: a 1 MB upload can name 55,000, and each HMAC costs about a
    /// microsecond; beyond this many the persons are counted (<see cref="BeyondLimit"/>) but not hashed.</summary>
    public const int Limit = 4096;

    private const int CacheSize = 256;

    private readonly CacheEntry[] _cache = new CacheEntry[CacheSize];
    private HashSet<(ulong, ulong)> _seen = [];
    private PseudonymizationKey? _cacheKey;

    public List<IdentifiedSubject> Subjects { get; } = [];

    /// <summary>Distinct persons named beyond <see cref="Limit"/> in this upload.</summary>
    public int BeyondLimit { get; private set; }

    /// <summary>Counts the person an identifier of <paramref name="kind"/> in canonical form names, unless this upload already did.</summary>
    public void Add(SubjectKind kind, ReadOnlySpan<byte> canonical, PseudonymizationKey key)
    {
        if (canonical.IsEmpty)
        {
            return;
        }

        var (a, b) = Fingerprint.Of(canonical, (ulong)kind + 1);
        if (!_seen.Add((a, b)))
        {
            return;
        }

        if (Subjects.Count >= Limit)
        {
            BeyondLimit++;
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
        BeyondLimit = 0;
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

    private readonly record struct CacheEntry(ulong A, ulong B, ulong Hash, bool Used);
}
