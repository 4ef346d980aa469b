using System.Text.Json.Serialization;
using Residency.Classification.Detectors;

namespace Residency.Classification.Policy.Format;

/// <summary>A rule (or the fallback rule) as written: what it matches, its level, category, action and legal reference.</summary>
internal sealed class RuleDocument
{
    public required string Id { get; init; }

    public string? Path { get; init; }

    public string? Detector { get; init; }

    public required DataLevel Level { get; init; }

    public required string Category { get; init; }

    [JsonConverter(typeof(ActionFormConverter))]
    public required ActionDocument Action { get; init; }

    public required string Reference { get; init; }

    public ConditionDocument? When { get; init; }

    /// <summary>Free text for the policy's readers.</summary>
    public string? Note { get; init; }

    /// <summary>What kind of identifier the values at the rule's path are, when each names a person (counted in the ledger).</summary>
    public SubjectKind? Identifies { get; init; }

    /// <summary>The runtime rule of a validated document.</summary>
    public PolicyRule ToRule(int index) => new()
    {
        Id = Id,
        Path = Path,
        Detector = Detector,
        DetectorKind = Detector is not null && ValueDetectors.TryParse(Detector, out var kind) ? kind : null,
        Level = Level,
        Category = Category,
        Action = Action.ToAction(),
        Reference = Reference,
        When = When?.ToCondition(),
        Identifies = Identifies,
        Index = index,
    };
}
