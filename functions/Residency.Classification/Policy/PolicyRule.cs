using Residency.Classification.Detectors;

namespace Residency.Classification.Policy;

/// <summary>One policy rule: what it matches (a JSON path or a detector), the level, category, action and legal reference.</summary>
public sealed class PolicyRule
{
    /// <summary>The rule's id, unique in the policy; recorded in every field tag it produces.</summary>
    public required string Id { get; init; }

    /// <summary>The JSON path it matches (<c>$.owner.phone</c>, <c>$.trajectory[*].lat</c>), or null for a detector rule.</summary>
    public string? Path { get; init; }

    /// <summary>The detector it configures (<c>cn-resident-id</c>, <c>geofence</c>...), or null for a path rule.</summary>
    public string? Detector { get; init; }

    /// <summary>The level of what it matches.</summary>
    public required DataLevel Level { get; init; }

    /// <summary>The category label ([a-z0-9-]).</summary>
    public required string Category { get; init; }

    /// <summary>What happens to matched values.</summary>
    public required RuleAction Action { get; init; }

    /// <summary>The legal source the rule implements.</summary>
    public required string Reference { get; init; }

    /// <summary>An optional condition on the matched node; a conditional rule classifies the whole node as one unit.</summary>
    public RuleCondition? When { get; init; }

    /// <summary>For a path rule: the kind of identifier each value at its path is (<c>"identifies": "phone"</c>), so the person
    /// it names is counted (<see cref="ClassifiedUpload.Subjects"/>); null when the values name no one by themselves.</summary>
    public SubjectKind? Identifies { get; init; }

    /// <summary>Position of the rule in the policy (the fallback rule comes last).</summary>
    internal int Index { get; set; }

    /// <summary>The category as a small integer, unique per category string within the policy.</summary>
    internal int CategoryIndex { get; set; }

    /// <summary>The detector kind for value detector rules.</summary>
    internal DetectorKind? DetectorKind { get; init; }
}
