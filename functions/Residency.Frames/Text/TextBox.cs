using SkiaSharp;

namespace Residency.Frames.Text;

/// <summary>A text region as a rotated rectangle in frame pixels: corners clockwise from the top-left of the text, its long
/// side along the reading direction, and the DB score (mean text probability).</summary>
internal sealed record TextBox(SKPoint[] Corners, float Score)
{
    public float Width => SKPoint.Distance(Corners[0], Corners[1]);

    public float Height => SKPoint.Distance(Corners[1], Corners[2]);

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
