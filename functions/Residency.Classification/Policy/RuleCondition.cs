namespace Residency.Classification.Policy;

/// <summary>A condition on the node a rule matches, tested before the rule applies (the <c>when</c> of a rule).</summary>
public sealed class RuleCondition
{
    /// <summary>A dotted path relative to the matched node, for example <c>detections.faces</c> (empty for any/all).</summary>
    public string Field { get; init; } = string.Empty;

    /// <summary>True when the field's string value is one of these.</summary>
    public IReadOnlyList<string>? In { get; init; }

    /// <summary>True when the field is a number greater than this.</summary>
    public double? GreaterThan { get; init; }

    /// <summary>True when the field is absent (or null).</summary>
    public bool Missing { get; init; }

    /// <summary>True when any of these holds.</summary>
    public IReadOnlyList<RuleCondition>? Any { get; init; }

    /// <summary>True when all of these hold.</summary>
    public IReadOnlyList<RuleCondition>? All { get; init; }

    internal string[] FieldSegments { get; init; } = [];

    /// <summary>Index of <see cref="Field"/> in the condition fields of the node its rule matches (set when the policy is built).</summary>
    internal int FieldIndex { get; set; }

    /// <summary><see cref="In"/> as UTF-8, for comparing without decoding.</summary>
    internal byte[][] InUtf8 { get; init; } = [];

    /// <summary><see cref="Any"/> or <see cref="All"/> as an array (no enumerator on the hot path).</summary>
    internal RuleCondition[]? Parts { get; init; }

    /// <summary>All leaf conditions below and including this one.</summary>
    internal IEnumerable<RuleCondition> Leaves() => Parts is null ? [this] : Parts.SelectMany(p => p.Leaves());

    /// <summary>A short human-readable form.</summary>
    public string Describe()
    {
        if (Any is not null)
        {
            return "any(" + string.Join("; ", Any.Select(c => c.Describe())) + ")";
        }

        if (All is not null)
        {
            return "all(" + string.Join("; ", All.Select(c => c.Describe())) + ")";
        }

        if (In is not null)
        {
            return $"{Field} in [{string.Join(",", In)}]";
        }

        return GreaterThan is { } gt ? $"{Field} > {gt}" : $"{Field} missing";
    }
}
