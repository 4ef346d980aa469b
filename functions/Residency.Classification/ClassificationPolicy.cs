using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Residency.Classification.Detectors;
using Residency.Classification.Policy;
using Residency.Classification.Streaming;

namespace Residency.Classification;

/// <summary>An immutable, validated classification policy; safe to share between threads. Its SHA-256 is its stamp.</summary>
public sealed class ClassificationPolicy
{
    private const int MaxCachedTags = 20_000;

    private static readonly Lazy<ClassificationPolicy> DefaultPolicy = new(LoadDefault);

    // Field tags are immutable, and most uploads repeat the same (path, rule, count): share the instances.
    private readonly ConcurrentDictionary<(string Path, int Rule, int Count), FieldTag> _tags = new();
    private int _cachedTagCount;
    private IReadOnlyList<string>? _frameArrays;

    private ClassificationPolicy(PolicyDefinition definition, string sha256)
    {
        Id = definition.Id;
        Version = definition.Version;
        Description = definition.Description;
        Sha256 = sha256;
        Rules = definition.Rules;
        Fallback = definition.Fallback;
        Geofences = definition.Geofences;
        LatitudeName = Encoding.UTF8.GetBytes(definition.LatitudeName);
        LongitudeName = Encoding.UTF8.GetBytes(definition.LongitudeName);
        Root = BuildTree(definition);
        NodeCount = Root.DescendantsAndSelf().Count();

        DetectorRules = new PolicyRule?[ValueDetectors.All.Count];
        foreach (var rule in Rules)
        {
            if (rule.DetectorKind is { } kind)
            {
                // The coordinates rule classifies numeric pairs in objects and, as a detector, decimal pairs written in text.
                DetectorRules[(int)kind] = rule;
                if (kind == DetectorKind.Coordinates)
                {
                    CoordinatesRule = rule;
                }
            }
            else if (rule.Detector == "geofence")
            {
                GeofenceRule = rule;
            }
        }

        // Categories as small integers, so the dominant category of each fragment is counted without comparing strings.
        var categories = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var rule in Rules.Append(Fallback))
        {
            if (!categories.TryGetValue(rule.Category, out var index))
            {
                index = categories.Count;
                categories.Add(rule.Category, index);
            }

            rule.CategoryIndex = index;
        }

        CategoryCount = categories.Count;

        // For each field level, which detectors can raise it (a detector runs only where its level is higher).
        DetectorsAbove = new int[4];
        DetectorsAtOrAbove = new int[4];
        HighestDetectorsAbove = new int[4];
        foreach (var level in DataLevels.All)
        {
            foreach (var rule in DetectorRules)
            {
                if (rule?.DetectorKind is { } kind && rule.Level > level)
                {
                    DetectorsAbove[(int)level] |= ValueDetectors.Bit(kind);
                }

                if (rule?.DetectorKind is { } same && rule.Level >= level)
                {
                    DetectorsAtOrAbove[(int)level] |= ValueDetectors.Bit(same);
                }
            }

            var highest = DetectorRules.Where(r => r is not null && r.Level > level).Select(r => r!.Level).DefaultIfEmpty(level).Max();
            foreach (var rule in DetectorRules)
            {
                if (rule?.DetectorKind is { } top && rule.Level == highest && highest > level)
                {
                    HighestDetectorsAbove[(int)level] |= ValueDetectors.Bit(top);
                }
            }
        }
    }

    /// <summary>How many distinct categories the rules use (see <see cref="PolicyRule.CategoryIndex"/>).</summary>
    internal int CategoryCount { get; }

    /// <summary>The policy id, for example <c>cn-auto</c>.</summary>
    public string Id { get; }

    /// <summary>The policy's own version label.</summary>
    public string Version { get; }

    /// <summary>Optional description.</summary>
    public string? Description { get; }

    /// <summary>Lowercase hex SHA-256 of the policy bytes: the stamp that travels with every stored blob.</summary>
    public string Sha256 { get; }

    /// <summary>The rules in policy order.</summary>
    public IReadOnlyList<PolicyRule> Rules { get; }

    /// <summary>The rule for fields no rule names (fail closed: personal or higher).</summary>
    public PolicyRule Fallback { get; }

    /// <summary>Configured sensitive areas.</summary>
    public IReadOnlyList<Geofence> Geofences { get; }

    /// <summary>The embedded default policy <c>cn-auto</c>.</summary>
    public static ClassificationPolicy Default => DefaultPolicy.Value;

    /// <summary>The raw bytes of the embedded default policy.</summary>
    public static ReadOnlyMemory<byte> DefaultPolicyJson { get; } = ReadDefaultBytes();

    internal PathNode Root { get; }

    internal int NodeCount { get; }

    internal byte[] LatitudeName { get; }

    internal byte[] LongitudeName { get; }

    internal PolicyRule?[] DetectorRules { get; }

    internal PolicyRule? GeofenceRule { get; }

    /// <summary>The rule for latitude/longitude pairs whose own rule is lower (for example in fields no rule names).</summary>
    internal PolicyRule? CoordinatesRule { get; }

    internal int[] DetectorsAbove { get; }

    /// <summary>Of <see cref="DetectorsAbove"/>, those at the highest level: once one matches, the field's level is known.</summary>
    internal int[] HighestDetectorsAbove { get; }

    /// <summary>Detectors whose matches are rewritten once a field has been raised (every identifier in it, not only the raising one).</summary>
    internal int[] DetectorsAtOrAbove { get; }

    /// <summary>Parses and validates a policy; throws <see cref="PolicyValidationException"/> naming every problem.</summary>
    public static ClassificationPolicy Load(ReadOnlySpan<byte> utf8Json)
    {
        var definition = PolicyLoader.Parse(utf8Json);
        return new ClassificationPolicy(definition, Convert.ToHexStringLower(SHA256.HashData(utf8Json)));
    }

    /// <summary>The rule a detector runs under, or null when the policy does not enable it.</summary>
    public PolicyRule? RuleFor(DetectorKind kind) => DetectorRules[(int)kind];

    /// <summary>The rule that applies to a known path with no condition (own, inherited or fallback), for documentation and tests.</summary>
    public PolicyRule EffectiveRuleFor(string path)
    {
        if (!PathSyntax.TryParse(path, out var segments, out var error))
        {
            throw new ArgumentException($"Path '{path}' {error}.", nameof(path));
        }

        var node = Root;
        foreach (var segment in segments)
        {
            var next = segment == PathSyntax.ArrayElement ? node.Element : node.FindChild(Encoding.UTF8.GetBytes(segment));
            if (next is null)
            {
                return node.EffectiveRule;
            }

            node = next;
        }

        return node.EffectiveRule;
    }

    /// <summary>The top-level arrays whose elements some rule de-identifies as camera frames (the <c>camera</c> of
    /// <c>$.camera[*]</c>), in policy order; empty when no rule has action deidentify-image.</summary>
    public IReadOnlyList<string> FrameArrays => _frameArrays ??= [.. Rules
        .Where(r => r.Action.Kind == RuleActionKind.DeidentifyImage && r.Path is not null)
        .Select(r => r.Path!["$.".Length..^"[*]".Length]).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// The rule the classifier applies to one element of a top-level array (<paramref name="arrayName"/>), given the
    /// element's JSON: its first conditional rule that matches, else the path's own, inherited or fallback rule. The same
    /// evaluation the classifier makes, so a stage that runs before it (the frame stage) picks the same rule.
    /// </summary>
    public PolicyRule RuleForElement(string arrayName, ReadOnlySpan<byte> elementJson)
    {
        ArgumentNullException.ThrowIfNull(arrayName);
        var node = Root.FindChild(Encoding.UTF8.GetBytes(arrayName))?.Element;
        if (node is null)
        {
            return EffectiveRuleFor("$." + arrayName + "[*]");
        }

        if (node.ConditionalRules.Count > 0)
        {
            var values = new ConditionEvaluator.FieldValue[node.ConditionFields.Length];
            ConditionEvaluator.Capture(elementJson, node.ConditionFields, values);
            foreach (var candidate in node.ConditionalRules)
            {
                if (ConditionEvaluator.Matches(candidate.When!, elementJson, values))
                {
                    return candidate;
                }
            }
        }

        return node.EffectiveRule;
    }

    /// <summary>A shared, immutable tag for a path, rule and count (bounded cache, so hostile field names cannot grow it without limit).</summary>
    internal FieldTag TagFor(string path, PolicyRule rule, int count)
    {
        var key = (path, rule.Index, count);
        if (_tags.TryGetValue(key, out var tag))
        {
            return tag;
        }

        tag = new FieldTag(path, rule.Level, rule.Category, rule.Id, rule.Action.Name, count);
        if (Volatile.Read(ref _cachedTagCount) < MaxCachedTags && _tags.TryAdd(key, tag))
        {
            Interlocked.Increment(ref _cachedTagCount);
        }

        return tag;
    }

    private static PathNode BuildTree(PolicyDefinition definition)
    {
        var nextId = 0;
        PathNode Create(string path, string? name, PathNode? parent) => new(path, name, parent, nextId++);
        var root = Create("$", null, null);
        root.Expected = JsonType.Object;

        PathNode Ensure(string path)
        {
            if (!PathSyntax.TryParse(path, out var segments, out var error))
            {
                throw new InvalidOperationException($"Path '{path}' {error}.");
            }

            var node = root;
            foreach (var segment in segments)
            {
                node = node.GetOrAdd(segment, Create);
            }

            return node;
        }

        foreach (var (path, type, envelope) in VehicleUploadSchema.Fields)
        {
            var node = Ensure(path);
            node.Expected = type;
            node.Envelope = envelope;
        }

        foreach (var rule in definition.Rules)
        {
            if (rule.Path is null)
            {
                continue;
            }

            var node = Ensure(rule.Path);
            if (rule.When is null)
            {
                node.OwnRule = rule;
            }
            else
            {
                node.ConditionalRules.Add(rule);
            }
        }

        SetEffective(root, definition.Fallback);
        foreach (var node in root.DescendantsAndSelf().Where(n => n.ConditionalRules.Count > 0))
        {
            var fields = new List<string>();
            foreach (var leaf in node.ConditionalRules.SelectMany(r => r.When!.Leaves()))
            {
                var index = fields.IndexOf(leaf.Field);
                if (index < 0)
                {
                    index = fields.Count;
                    fields.Add(leaf.Field);
                }

                leaf.FieldIndex = index;
            }

            if (fields.Count > 64)
            {
                throw new PolicyValidationException($"path '{node.Path}': conditions may test at most 64 distinct fields.");
            }

            node.ConditionFields = [.. fields.Select(f => f.Split('.').Select(Encoding.UTF8.GetBytes).ToArray())];
        }

        return root;
    }

    private static void SetEffective(PathNode node, PolicyRule inherited)
    {
        node.EffectiveRule = node.OwnRule ?? inherited;
        foreach (var child in node.Children)
        {
            SetEffective(child, node.EffectiveRule);
        }

        if (node.Element is not null)
        {
            SetEffective(node.Element, node.EffectiveRule);
        }
    }

    private static byte[] ReadDefaultBytes()
    {
        using var stream = typeof(ClassificationPolicy).Assembly.GetManifestResourceStream("Residency.Classification.cn-auto.json")
            ?? throw new InvalidOperationException("The embedded default policy cn-auto is missing from the assembly.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static ClassificationPolicy LoadDefault() => Load(DefaultPolicyJson.Span);
}
