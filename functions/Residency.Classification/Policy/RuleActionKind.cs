using System.Text.Json.Serialization;

namespace Residency.Classification.Policy;

/// <summary>What a rule does to the values it matches (docs/architecture.md).</summary>
public enum RuleActionKind
{
    /// <summary>Store the value unchanged.</summary>
    [JsonStringEnumMemberName("keep")]
    Keep,

    /// <summary>Replace the value with the lowercase hex HMAC-SHA256 of it (deterministic; the key id is recorded).</summary>
    [JsonStringEnumMemberName("pseudonymize")]
    Pseudonymize,

    /// <summary>Snap numbers to a grid (<c>grid</c>) or truncate timestamps (<c>truncate</c>).</summary>
    [JsonStringEnumMemberName("generalize")]
    Generalize,

    /// <summary>Replace characters with '*' except <c>keepFirst</c>/<c>keepLast</c> (and from <c>keepFrom</c> on).</summary>
    [JsonStringEnumMemberName("mask")]
    Mask,

    /// <summary>Do not store the value; the field tag still records that it was present.</summary>
    [JsonStringEnumMemberName("drop")]
    Drop,

    /// <summary>Store a camera frame only after the ingest frame stage blurred its faces and plates (<c>imageBase64</c>
    /// replaced, the server's counts in <c>detections</c>); the classifier keeps the node as the stage left it.</summary>
    [JsonStringEnumMemberName("deidentify-image")]
    DeidentifyImage,
}
