using SkiaSharp;

namespace Residency.Frames.Faces;

/// <summary>The views BlazeFace runs on: the whole frame, then overlapping square tiles. A 75 px face in a 1280 px frame
/// shrinks to 15 px in the 256 px input, too small for the model; in a 512 px tile it is 37 px.</summary>
internal static class FaceTiles
{
    public static List<SKRect> Views(int width, int height, int tileSize)
    {
        var views = new List<SKRect> { new(0, 0, width, height) };
        if (tileSize <= 0 || Math.Max(width, height) <= tileSize * 1.25)
        {
            return views;
        }

        foreach (var y in Starts(height, tileSize))
        {
            foreach (var x in Starts(width, tileSize))
            {
                views.Add(new SKRect(x, y, Math.Min(width, x + tileSize), Math.Min(height, y + tileSize)));
            }
        }

        return views;
    }

    // Evenly spaced starts with at least a quarter tile of overlap, so a face cut by one tile's edge is whole in its neighbour.
    private static IEnumerable<float> Starts(int length, int tile)
    {
        if (length <= tile)
        {
            yield return 0;
            yield break;
        }

        var count = (int)Math.Ceiling((length - tile) / (tile * 0.75)) + 1;
        var step = (length - tile) / (float)(count - 1);
        for (var i = 0; i < count; i++)
        {
            yield return MathF.Round(i * step);
        }
    }
}
