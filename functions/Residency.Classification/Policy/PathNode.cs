using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Residency.Classification.Policy;

/// <summary>A node of the compiled path tree: schema type, envelope role and the rules that apply at one normalized path.</summary>
internal sealed class PathNode
{
    private PathNode[] _children = [];

    public PathNode(string path, string? name, PathNode? parent, int id)
    {
        Path = path;
        Name = name is null ? [] : Encoding.UTF8.GetBytes(name);
        EncodedName = JsonEncodedText.Encode(name ?? string.Empty, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        Parent = parent;
        Id = id;
    }

    public int Id { get; }

    /// <summary>Shared tags for this path under its effective rule, by count (1-8); filled on first use (a benign race).</summary>
    public FieldTag?[] TagCache { get; } = new FieldTag?[8];

    public string Path { get; }

    /// <summary>Shared single-value tags for this path under rules other than its effective rule (a conditional or raised
    /// rule), by rule index; created on first use (a benign race, like <see cref="TagCache"/>).</summary>
    private FieldTag?[]? _otherRuleTags;

    public ref FieldTag? OtherRuleTag(PolicyRule rule, int ruleCount)
    {
        var tags = _otherRuleTags;
        if (tags is null)
        {
            tags = new FieldTag?[ruleCount];
            _otherRuleTags = tags;
        }

        return ref tags[rule.Index];
    }

    public byte[] Name { get; }

    /// <summary>The name, escaped once for Utf8JsonWriter.</summary>
    public JsonEncodedText EncodedName { get; }

    public PathNode? Parent { get; }

    public PathNode? Element { get; private set; }

    public JsonType Expected { get; set; }

    public EnvelopeField Envelope { get; set; }

    /// <summary>The unconditional rule written for exactly this path, if any.</summary>
    public PolicyRule? OwnRule { get; set; }

    /// <summary>Rules with a <c>when</c> condition, in policy order.</summary>
    public List<PolicyRule> ConditionalRules { get; } = [];

    /// <summary>The fields (UTF-8 segments) the conditional rules of this node test, captured in one pass over the node.</summary>
    public byte[][][] ConditionFields { get; set; } = [];

    /// <summary>The own rule, else the nearest ancestor's, else the policy's fallback (fail closed).</summary>
    public PolicyRule EffectiveRule { get; set; } = null!;

    public IReadOnlyList<PathNode> Children => _children;

    public PathNode? FindChild(ReadOnlySpan<byte> name) => FindChild(name, out _);

    /// <summary>The child with this name and its index among the children (-1 when unknown).</summary>
    public PathNode? FindChild(ReadOnlySpan<byte> name, out int index)
    {
        var children = _children;
        for (var i = 0; i < children.Length; i++)
        {
            var candidate = children[i].Name;
            if (candidate.Length == name.Length && (name.Length == 0 || candidate[0] == name[0]) && name.SequenceEqual(candidate))
            {
                index = i;
                return children[i];
            }
        }

        index = -1;
        return null;
    }

    public PathNode GetOrAdd(string segment, Func<string, string?, PathNode, PathNode> create)
    {
        if (segment == PathSyntax.ArrayElement)
        {
            return Element ??= create(Path + PathSyntax.ArrayElement, null, this);
        }

        var existing = FindChild(Encoding.UTF8.GetBytes(segment));
        if (existing is not null)
        {
            return existing;
        }

        var node = create(Path + "." + segment, segment, this);
        _children = [.. _children, node];
        return node;
    }

    public IEnumerable<PathNode> DescendantsAndSelf()
    {
        yield return this;
        foreach (var child in _children)
        {
            foreach (var d in child.DescendantsAndSelf())
            {
                yield return d;
            }
        }

        if (Element is not null)
        {
            foreach (var d in Element.DescendantsAndSelf())
            {
                yield return d;
            }
        }
    }
}
