namespace Residency.Classification.Policy;

/// <summary>A sensitive area (Provisions Art. 3(1)): a bounding box or a polygon of latitude/longitude points.</summary>
public sealed class Geofence
{
    /// <summary>The geofence's id (recorded nowhere near the coordinates; used in validation messages and the policy table).</summary>
    public required string Id { get; init; }

    /// <summary>A human-readable name.</summary>
    public string? Name { get; init; }

    /// <summary>The datum the coordinates use (GCJ-02 in mainland map data); uploads must use the same.</summary>
    public string Datum { get; init; } = "GCJ-02";

    /// <summary>Polygon vertices as (latitude, longitude); a bounding box is stored as its four corners.</summary>
    public required IReadOnlyList<(double Lat, double Lon)> Vertices { get; init; }

    internal double MinLat { get; init; }

    internal double MaxLat { get; init; }

    internal double MinLon { get; init; }

    internal double MaxLon { get; init; }

    /// <summary>True when the point lies inside (or on the edge of) the area.</summary>
    public bool Contains(double lat, double lon)
    {
        if (lat < MinLat || lat > MaxLat || lon < MinLon || lon > MaxLon)
        {
            return false;
        }

        if (Vertices.Count == 4 && IsAxisAligned())
        {
            return true;
        }

        // Even-odd ray casting; good enough at city scale where the earth's curvature does not matter.
        var inside = false;
        for (int i = 0, j = Vertices.Count - 1; i < Vertices.Count; j = i++)
        {
            var (latI, lonI) = Vertices[i];
            var (latJ, lonJ) = Vertices[j];
            if ((latI > lat) != (latJ > lat) && lon < ((lonJ - lonI) * (lat - latI) / (latJ - latI)) + lonI)
            {
                inside = !inside;
            }
        }

        return inside;
    }

    private bool IsAxisAligned()
    {
        foreach (var (lat, lon) in Vertices)
        {
            if ((lat != MinLat && lat != MaxLat) || (lon != MinLon && lon != MaxLon))
            {
                return false;
            }
        }

        return true;
    }
}
