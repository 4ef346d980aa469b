namespace Residency.Classification.Policy;

/// <summary>The validated content of a policy document, in its runtime form.</summary>
internal sealed record PolicyDefinition(
    string Id,
    string Version,
    string? Description,
    string LatitudeName,
    string LongitudeName,
    PolicyRule Fallback,
    IReadOnlyList<PolicyRule> Rules,
    IReadOnlyList<Geofence> Geofences);
