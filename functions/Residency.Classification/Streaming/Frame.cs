using Residency.Classification.Policy;

namespace Residency.Classification.Streaming;

/// <summary>One open object or array on the way down the document.</summary>
internal struct Frame
{
    public bool IsArray;

    /// <summary>For arrays: the index of the element being read.</summary>
    public int ElementIndex;

    /// <summary>The container's property name in its parent object (input offset, or ~arena offset when escaped); length 0 for array elements and the root.</summary>
    public int NameStart;
    public int NameLength;

    /// <summary>The schema/policy node of this container, or null when the path is unknown.</summary>
    public PathNode? Node;

    /// <summary>The session's dynamic path id when <see cref="Node"/> is null.</summary>
    public int UnknownId;

    /// <summary>The normalized path when <see cref="Node"/> is null.</summary>
    public string? UnknownPath;

    /// <summary>The rule unknown descendants inherit.</summary>
    public PolicyRule Inherited;

    /// <summary>The detector rule a property name holding an identifier raised this container to (its own name's or an
    /// ancestor's): every value below is stored at least at its level. Null when no name on the way down held one.</summary>
    public PolicyRule? Floor;

    /// <summary>The names written in place of this object's identifying property names, so two never collide (rarely needed).</summary>
    public HashSet<(ulong, ulong)>? NameReplacements;

    public int ArenaMark;

    /// <summary>Bits of the known child names (by index in the policy node) already seen in this object.</summary>
    public ulong KnownKeys;
    public int KeysStart;
    public HashSet<string>? ManyKeys;

    public Coordinate Lat;
    public Coordinate Lon;

    public readonly string Path => Node?.Path ?? UnknownPath!;

    /// <summary>Identifies this container's path for child lookups: a policy node id, or a negative dynamic id.</summary>
    public readonly int PathKey => Node?.Id ?? -(UnknownId + 1);
}

/// <summary>A latitude or longitude held back until its object ends, so the pair can be tested against geofences.</summary>
internal struct Coordinate
{
    public bool Present;
    public double Value;
    public int TokenStart;
    public int TokenLength;
    public int NameStart;
    public int NameLength;
    public PathNode? Node;
    public PolicyRule Rule;
    public RuleAction Action;
}

/// <summary>A property name seen in the current object (for duplicate detection).</summary>
internal readonly record struct SeenKey(int Start, int Length, uint Hash);
