namespace Residency.Classification.Policy.Format;

/// <summary>
/// A policy document as written (cn-auto.json). With the other documents in this folder it is the one description of the
/// policy format: names, JSON types, nesting and required properties (<see cref="ShapeCheck"/> reads them from the
/// generated metadata). What a value means is checked by <see cref="PolicyValidator"/>.
/// </summary>
internal sealed class PolicyDocument
{
    public required string Id { get; init; }

    public required string Version { get; init; }

    public required string Schema { get; init; }

    public string? Description { get; init; }

    public PositionsDocument? Positions { get; init; }

    public required RuleDocument Fallback { get; init; }

    public IReadOnlyList<GeofenceDocument>? Geofences { get; init; }

    public required IReadOnlyList<RuleDocument> Rules { get; init; }

    /// <summary>The runtime form of a validated document: rules numbered in policy order, the fallback last.</summary>
    public PolicyDefinition ToDefinition()
    {
        var rules = Rules.Select((rule, index) => rule.ToRule(index)).ToList();
        return new PolicyDefinition(
            Id, Version, Description, Positions?.Latitude ?? "lat", Positions?.Longitude ?? "lon",
            Fallback.ToRule(rules.Count), rules, Geofences?.Select(g => g.ToGeofence()).ToList() ?? []);
    }
}

/// <summary>The property names uploads use for latitude and longitude.</summary>
internal sealed class PositionsDocument
{
    public required string Latitude { get; init; }

    public required string Longitude { get; init; }
}
