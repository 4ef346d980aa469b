using SkiaSharp;

namespace Residency.Frames.Faces;

/// <summary>The views BlazeFace runs on: the whole frame (large faces), then squares of the frame's short side overlapping by at
/// least an eighth of it (small faces: in a 1280x720 frame, two 720 px squares overlapping by 160 px, so any face up to 160 px
/// wide is whole in one of them and a larger one is big enough in the whole frame's view).</summary>
internal static class FaceTiles
{
    public static List<SKRect> Views(int width, int height, bool tiling)
    {
        var views = new List<SKRect> { new(0, 0, width, height) };
        var tile = Math.Min(width, height);
        // A nearly square frame gains nothing from tiles of its short side.
        if (!tiling || Math.Max(width, height) < tile * 1.25)
        {
            return views;
        }

        foreach (var y in Starts(height, tile))
        {
            foreach (var x in Starts(width, tile))
            {
                views.Add(new SKRect(x, y, x + tile, y + tile));
            }
        }

        return views;
    }

    private static IEnumerable<float> Starts(int length, int tile)
    {
        if (length <= tile)
        {
            yield return 0;
            yield break;
        }

        var count = (int)Math.Ceiling((length - tile) / (tile * 0.875)) + 1;
        var step = (length - tile) / (float)(count - 1);
        for (var i = 0; i < count; i++)
        {
            yield return MathF.Round(i * step);
        }
    }
}
