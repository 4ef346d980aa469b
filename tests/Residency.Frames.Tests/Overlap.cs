using SkiaSharp;

namespace Residency.Frames.Tests;

internal static class Overlap
{
    /// <summary>The region covers at least half of the truth.</summary>
    public static bool Covers(FrameRegion region, SKRectI truth)
    {
        var inner = SKRectI.Intersect(new SKRectI(region.X, region.Y, region.X + region.Width, region.Y + region.Height), truth);
        return !inner.IsEmpty && (long)inner.Width * inner.Height >= 0.5 * truth.Width * truth.Height;
    }
}
