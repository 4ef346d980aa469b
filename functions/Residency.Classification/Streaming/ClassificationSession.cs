using System.Text;
using System.Text.Json;
using Residency.Classification.Detectors;
using Residency.Classification.Policy;

namespace Residency.Classification.Streaming;

/// <summary>All per-upload working state, pooled per thread and reset between uploads so the hot path allocates little.</summary>
internal sealed class ClassificationSession
{
    [ThreadStatic]
    private static ClassificationSession? t_cached;

    private readonly Dictionary<DynamicPathKey, int> _dynamicIds = [];
    private readonly List<string> _dynamicPaths = [];

    // Per dynamic id: the plain name escaped once for the writers (null for array elements and names not echoed).
    private readonly List<JsonEncodedText?> _dynamicNames = [];
    // VIN -> vehicle key on this thread: a partition interleaves thousands of cars, each sending hundreds of uploads a day.
    private readonly Dictionary<string, string> _vehicleKeys = new(StringComparer.Ordinal);
    private FieldTag?[] _dynamicTags = new FieldTag?[64];

    // The dynamic caches are keyed by the policy's node ids, which mean other paths in another policy.
    private ClassificationPolicy? _dynamicPolicy;
    private PseudonymizationKey? _vehicleKeysKey;

    public FragmentOutput[] Outputs { get; } = [new(), new(), new(), new()];

    public Frame[] Frames { get; private set; } = new Frame[34];

    public ByteBuffer Names { get; } = new();

    public ByteBuffer Scratch { get; } = new();

    public ByteBuffer Unescaped { get; } = new();

    public List<SeenKey> Keys { get; } = [];

    /// <summary>Finds identifiers in values (normalizing their written forms) and keeps their canonical forms.</summary>
    public IdentifierScanner Scanner { get; } = new();

    public TagAccumulator Tags { get; } = new();

    /// <summary>The persons the upload names, one per distinct identifier.</summary>
    public SubjectCollector Subjects { get; } = new();

    // Envelope values found so far.
    public bool SchemaSeen;
    public string? MessageId;

    /// <summary>The message id and vehicle key as ASCII bytes, copied into every fragment.</summary>
    public readonly byte[] MessageIdBytes = new byte[64];
    public int MessageIdLength;
    public readonly byte[] VehicleKeyBytes = new byte[64];
    public string? VehicleKey;
    public bool HasVin;
    public DateTimeOffset CapturedAt;
    public int CapturedAtStart = -1;
    public int CapturedAtLength;
    public string? Kind;

    /// <summary>True once the scanner knows the upload's capture date (the latest birth date of an ID number).</summary>
    public bool CaptureDateKnown;

    /// <summary>The deepest frame used by the current upload (only those are cleared afterwards).</summary>
    public int DeepestFrame;

    /// <summary>Reused by the result builder: values per (level, category index), and the order each was first seen.</summary>
    public int[] CategoryCounts = [];
    public int[] CategorySeen = [];

    /// <summary>Category names by index, filled by the result builder as it meets them.</summary>
    public string[] CategoryNames = [];

    /// <summary>Above zero while walking a node that a conditional rule classifies as a whole (validation only, no output).</summary>
    public int CaptureDepth;

    public static ClassificationSession Rent(int maxDepth, ClassificationPolicy policy)
    {
        var session = t_cached ?? new ClassificationSession();
        t_cached = null;
        if (!ReferenceEquals(session._dynamicPolicy, policy))
        {
            session.ClearDynamicPaths();
            session._dynamicPolicy = policy;
        }

        if (session.Frames.Length < maxDepth + 2)
        {
            session.Frames = new Frame[maxDepth + 2];
        }

        return session;
    }

    public static void Return(ClassificationSession session)
    {
        session.Reset();
        t_cached = session;
    }

    public string NameString(int start, int length) => Encoding.UTF8.GetString(Names.Slice(start, length));

    /// <summary>The id of an unknown field's normalized path (parent + "." + name, or parent + suffix), from a cache
    /// kept across uploads on this thread. Keys are integers, so a lookup hashes no strings.</summary>
    public int DynamicPath(int parentKey, string parentPath, ReadOnlySpan<byte> name, string? suffix)
    {
        var key = new DynamicPathKey(parentKey, Fnv1a(name), suffix is null ? name.Length : -1 - suffix.Length);
        if (_dynamicIds.TryGetValue(key, out var id) && (suffix is not null || EndsWithName(_dynamicPaths[id], name)))
        {
            return id;
        }

        var path = suffix is null ? parentPath + "." + Encoding.UTF8.GetString(name) : parentPath + suffix;
        _dynamicPaths.Add(path);
        _dynamicNames.Add(suffix is null ? JsonEncodedText.Encode(name, FragmentOutput.Encoder) : null);
        _dynamicIds.TryAdd(key, _dynamicPaths.Count - 1);
        return _dynamicPaths.Count - 1;
    }

    /// <summary>The id of an unknown field's path when this plain name (<see cref="DynamicPath"/> with no suffix) is already cached.</summary>
    public bool TryGetDynamicPath(int parentKey, ReadOnlySpan<byte> name, out int id) =>
        _dynamicIds.TryGetValue(new DynamicPathKey(parentKey, Fnv1a(name), name.Length), out id) && EndsWithName(_dynamicPaths[id], name);

    private static uint Fnv1a(ReadOnlySpan<byte> bytes)
    {
        var hash = 2166136261u;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }

    /// <summary>The field tag of an unknown path (by dynamic id), remembered per thread so repeated uploads skip the policy's
    /// string-keyed tag cache. Checked against path, rule and count; dropped when the policy changes or the ids are reset.</summary>
    public FieldTag DynamicTag(int id, string path, PolicyRule rule, int count, ClassificationPolicy policy)
    {
        if (id >= _dynamicTags.Length)
        {
            Array.Resize(ref _dynamicTags, Math.Max(id + 1, _dynamicTags.Length * 2));
        }

        var tag = _dynamicTags[id];
        if (tag is not null && tag.Count == count && string.Equals(tag.RuleId, rule.Id, StringComparison.Ordinal) && string.Equals(tag.Path, path, StringComparison.Ordinal))
        {
            return tag;
        }

        tag = policy.TagFor(path, rule, count);
        _dynamicTags[id] = tag;
        return tag;
    }

    private void ClearDynamicPaths()
    {
        _dynamicIds.Clear();
        _dynamicPaths.Clear();
        _dynamicNames.Clear();
        Array.Clear(_dynamicTags);
    }

    /// <summary>The normalized path of a dynamic path id.</summary>
    public string DynamicPathString(int id) => _dynamicPaths[id];

    /// <summary>The escaped property name of a dynamic id when it was cached under its own (plain) name.</summary>
    public JsonEncodedText? DynamicName(int id) => _dynamicNames[id];

    private static bool EndsWithName(string path, ReadOnlySpan<byte> asciiName)
    {
        if (path.Length < asciiName.Length + 1)
        {
            return false;
        }

        var offset = path.Length - asciiName.Length;
        for (var i = 0; i < asciiName.Length; i++)
        {
            if (path[offset + i] != asciiName[i])
            {
                return false;
            }
        }

        return path[offset - 1] == '.';
    }

    /// <summary>Most VINs whose vehicle keys a thread keeps (about 200 bytes each); the cache starts again when full.</summary>
    public const int MaxCachedVehicleKeys = 4096;

    /// <summary>The vehicle key of a VIN, from this thread's cache when the VIN was seen before: the HMAC costs more than
    /// the rest of a small upload's envelope (docs/performance.md).</summary>
    public string VehicleKeyFor(ReadOnlySpan<byte> upperVin, PseudonymizationKey key)
    {
        if (_vehicleKeysKey != key)
        {
            _vehicleKeys.Clear();
            _vehicleKeysKey = key;
        }

        // A VIN is 17 ASCII characters (the envelope checked it): widened on the stack, looked up without a string.
        Span<char> vin = stackalloc char[upperVin.Length];
        for (var i = 0; i < upperVin.Length; i++)
        {
            vin[i] = (char)upperVin[i];
        }

        if (!_vehicleKeys.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(vin, out var vehicleKey))
        {
            if (_vehicleKeys.Count >= MaxCachedVehicleKeys)
            {
                _vehicleKeys.Clear();
            }

            vehicleKey = key.ComputeHex(upperVin);
            _vehicleKeys[new string(vin)] = vehicleKey;
        }

        System.Text.Encoding.ASCII.GetBytes(vehicleKey, VehicleKeyBytes);
        return vehicleKey;
    }

    private void Reset()
    {
        for (var i = 0; i < Outputs.Length; i++)
        {
            // After an unusually large upload, start small again so idle pool threads do not pin megabytes.
            if (Outputs[i].Buffer.Capacity > 256 * 1024)
            {
                Outputs[i].Writer.Dispose();
                Outputs[i] = new FragmentOutput();
            }
            else
            {
                Outputs[i].Reset();
            }
        }

        Array.Clear(Frames, 0, DeepestFrame + 1);
        DeepestFrame = 0;
        Names.Trim(64 * 1024);
        Scratch.Trim(256 * 1024);
        Unescaped.Trim(256 * 1024);
        Keys.Clear();
        Scanner.Trim(256 * 1024);
        Tags.Clear();
        Subjects.Clear();

        // Ids stay valid during an upload; the cache is bounded between uploads.
        if (_dynamicPaths.Count > 4096)
        {
            ClearDynamicPaths();
        }
        SchemaSeen = false;
        MessageId = null;
        VehicleKey = null;
        HasVin = false;
        CapturedAt = default;
        CapturedAtStart = -1;
        CapturedAtLength = 0;
        Kind = null;
        CaptureDepth = 0;
        CaptureDateKnown = false;
        Scanner.LatestBirthDate = DetectorContext.NoCaptureDate;
    }
}

/// <summary>Cache key of an unknown field's path: parent path key, FNV-1a hash of the name, and its length (or suffix marker).
/// Hashed with a multiply-xor instead of <see cref="HashCode"/>: a lookup per unknown value is on the hot path.</summary>
internal readonly record struct DynamicPathKey(int Parent, uint Hash, int Length)
{
    public bool Equals(DynamicPathKey other) => Parent == other.Parent && Hash == other.Hash && Length == other.Length;

    public override int GetHashCode() => (int)(Hash ^ ((uint)Parent * 0x9E3779B1u) ^ ((uint)Length * 0x85EBCA77u));
}
