namespace Residency.Classification;

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
