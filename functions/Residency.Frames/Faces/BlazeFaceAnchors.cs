namespace Residency.Frames.Faces;

/// <summary>
/// MediaPipe's SSD anchors for the BlazeFace back model at 256x256: 16x16 cells with 2 anchors each (the 512 outputs), then 8x8
/// cells with 6 anchors each (the 384 outputs), each anchor at its cell's centre with unit size (fixed_anchor_size), in
/// row-major cell order as the model emits them.
/// </summary>
internal static class BlazeFaceAnchors
{
    public static readonly (float X, float Y)[] Fine = Create(16, 2);

    public static readonly (float X, float Y)[] Coarse = Create(8, 6);

    private static (float X, float Y)[] Create(int cells, int perCell)
    {
        var anchors = new (float X, float Y)[cells * cells * perCell];
        var i = 0;
        for (var y = 0; y < cells; y++)
        {
            for (var x = 0; x < cells; x++)
            {
                for (var a = 0; a < perCell; a++)
                {
                    anchors[i++] = ((x + 0.5f) / cells, (y + 0.5f) / cells);
                }
            }
        }

        return anchors;
    }
}
