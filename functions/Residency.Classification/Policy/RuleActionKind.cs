namespace Residency.Classification;

/// <summary>What a rule does to the values it matches (docs/architecture.md).</summary>
public enum RuleActionKind
{
    /// <summary>Store the value unchanged.</summary>
    Keep,

    /// <summary>Replace the value with the lowercase hex HMAC-SHA256 of it (deterministic; the key id is recorded).</summary>
    Pseudonymize,

    /// <summary>Snap numbers to a grid (<c>grid</c>) or truncate timestamps (<c>truncate</c>).</summary>
    Generalize,

    /// <summary>Replace characters with '*' except <c>keepFirst</c>/<c>keepLast</c> (and from <c>keepFrom</c> on).</summary>
    Mask,

    /// <summary>Do not store the value; the field tag still records that it was present.</summary>
    Drop,
}
