namespace Residency.Classification.Policy.Format;

/// <summary>A geofence as written: an id and exactly one of <c>boundingBox</c> or <c>polygon</c>, in degrees.</summary>
internal sealed class GeofenceDocument
{
    public required string Id { get; init; }

    public string? Name { get; init; }

    public string? Datum { get; init; }

    public BoundingBoxDocument? BoundingBox { get; init; }

    public IReadOnlyList<PointDocument>? Polygon { get; init; }

    /// <summary>The runtime geofence of a validated document (a bounding box becomes its four corners).</summary>
    public Geofence ToGeofence()
    {
        IReadOnlyList<(double Lat, double Lon)> vertices = BoundingBox is { } box
            ? [(box.South, box.West), (box.South, box.East), (box.North, box.East), (box.North, box.West)]
            : [.. Polygon!.Select(point => (point.Lat, point.Lon))];
        return new Geofence
        {
            Id = Id,
            Name = Name,
            Datum = Datum ?? "GCJ-02",
            Vertices = vertices,
            MinLat = vertices.Min(v => v.Lat),
            MaxLat = vertices.Max(v => v.Lat),
            MinLon = vertices.Min(v => v.Lon),
            MaxLon = vertices.Max(v => v.Lon),
        };
    }
}

/// <summary>A latitude/longitude box.</summary>
internal sealed class BoundingBoxDocument
{
    public required double South { get; init; }

    public required double West { get; init; }

    public required double North { get; init; }

    public required double East { get; init; }
}

/// <summary>A polygon vertex.</summary>
internal sealed class PointDocument
{
    public required double Lat { get; init; }

    public required double Lon { get; init; }
}
