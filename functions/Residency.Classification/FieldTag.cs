namespace Residency.Classification;

/// <summary>How one normalized path (array indices written <c>[*]</c>) was classified, and how many values it held.</summary>
public sealed record FieldTag(string Path, DataLevel Level, string Category, string RuleId, string Action, int Count);
