using SkiaSharp;

namespace Residency.Frames.Text;

/// <summary>A text region as a rotated rectangle in frame pixels: corners clockwise from the top-left of the text, its long
/// side along the reading direction, and the DB score (mean text probability).</summary>
internal sealed record TextBox(SKPoint[] Corners, float Score)
{
    public float Width => SKPoint.Distance(Corners[0], Corners[1]);

    public float Height => SKPoint.Distance(Corners[1], Corners[2]);

    /// <summary>The box grown by <paramref name="along"/> pixels at each end and <paramref name="across"/> at top and bottom.</summary>
    public TextBox Inflate(float along, float across)
    {
        var c = Corners;
        var u = new SKPoint((c[1].X - c[0].X) / Math.Max(Width, 1e-3f), (c[1].Y - c[0].Y) / Math.Max(Width, 1e-3f));
        var v = new SKPoint((c[2].X - c[1].X) / Math.Max(Height, 1e-3f), (c[2].Y - c[1].Y) / Math.Max(Height, 1e-3f));
        SKPoint Move(SKPoint p, float a, float b) => new(p.X + (u.X * a) + (v.X * b), p.Y + (u.Y * a) + (v.Y * b));
        return this with { Corners = [Move(c[0], -along, -across), Move(c[1], along, -across), Move(c[2], along, across), Move(c[3], -along, across)] };
    }

    /// <summary>The smallest rotated rectangle holding both boxes, with the lower score.</summary>
    public TextBox Union(TextBox other) => new(MinAreaRect.Of([.. Corners, .. other.Corners]), Math.Min(Score, other.Score));

    public SKPoint Center => new(Corners.Average(c => c.X), Corners.Average(c => c.Y));

    public SKRect Bounds
    {
        get
        {
            var xs = Corners.Select(c => c.X).ToArray();
            var ys = Corners.Select(c => c.Y).ToArray();
            return new SKRect(xs.Min(), ys.Min(), xs.Max(), ys.Max());
        }
    }
}
