using SkiaSharp;

namespace Residency.Frames.Text;

/// <summary>The smallest rotated rectangle around a set of points: convex hull (monotone chain), then each hull edge's direction
/// tried as an axis (rotating calipers, quadratic in the hull's size, which is small for text components).</summary>
internal static class MinAreaRect
{
    /// <summary>Corners clockwise (in image coordinates, y down) starting at the top-left one, with the first edge the longer one
    /// when the rectangle is wider than tall.</summary>
    public static SKPoint[] Of(List<SKPoint> points)
    {
        var hull = ConvexHull(points);
        var best = (Area: float.MaxValue, Ux: 1f, Uy: 0f, MinU: 0f, MaxU: 0f, MinV: 0f, MaxV: 0f);
        for (var i = 0; i < hull.Count; i++)
        {
            var a = hull[i];
            var b = hull[(i + 1) % hull.Count];
            var length = SKPoint.Distance(a, b);
            if (length < 1e-6f)
            {
                continue;
            }

            var ux = (b.X - a.X) / length;
            var uy = (b.Y - a.Y) / length;
            float minU = float.MaxValue, maxU = float.MinValue, minV = float.MaxValue, maxV = float.MinValue;
            foreach (var p in hull)
            {
                var u = (p.X * ux) + (p.Y * uy);
                var v = (-p.X * uy) + (p.Y * ux);
                minU = Math.Min(minU, u);
                maxU = Math.Max(maxU, u);
                minV = Math.Min(minV, v);
                maxV = Math.Max(maxV, v);
            }

            var area = (maxU - minU) * (maxV - minV);
            if (area < best.Area)
            {
                best = (area, ux, uy, minU, maxU, minV, maxV);
            }
        }

        if (best.Area == float.MaxValue)
        {
            var p = points[0];
            return [p, p, p, p];
        }

        // Use the axis closer to horizontal as u, pointing right, so corner 0 is the reading start.
        var (axisX, axisY, u0, u1, v0, v1) = (best.Ux, best.Uy, best.MinU, best.MaxU, best.MinV, best.MaxV);
        if (Math.Abs(axisY) > Math.Abs(axisX))
        {
            // Rotate the frame by 90 degrees: u' = v, v' = -u.
            (axisX, axisY, u0, u1, v0, v1) = (-axisY, axisX, v0, v1, -u1, -u0);
        }

        if (axisX < 0)
        {
            (axisX, axisY, u0, u1, v0, v1) = (-axisX, -axisY, -u1, -u0, -v1, -v0);
        }

        SKPoint At(float u, float v) => new((u * axisX) - (v * axisY), (u * axisY) + (v * axisX));
        return [At(u0, v0), At(u1, v0), At(u1, v1), At(u0, v1)];
    }

    private static List<SKPoint> ConvexHull(List<SKPoint> points)
    {
        var sorted = points.Distinct().OrderBy(p => p.X).ThenBy(p => p.Y).ToList();
        if (sorted.Count < 3)
        {
            return sorted;
        }

        var hull = new List<SKPoint>(sorted.Count * 2);
        foreach (var pass in new[] { sorted, Enumerable.Reverse(sorted).ToList() })
        {
            var start = hull.Count;
            foreach (var p in pass)
            {
                while (hull.Count >= start + 2 && Cross(hull[^2], hull[^1], p) <= 0)
                {
                    hull.RemoveAt(hull.Count - 1);
                }

                hull.Add(p);
            }

            hull.RemoveAt(hull.Count - 1);
        }

        return hull;
    }

    private static float Cross(SKPoint o, SKPoint a, SKPoint b) => ((a.X - o.X) * (b.Y - o.Y)) - ((a.Y - o.Y) * (b.X - o.X));
}
