using SkiaSharp;

namespace Residency.Frames.Imaging;

/// <summary>Scaled copies of parts of a frame, drawn by Skia with bilinear filtering. No mipmaps: Skia would build them for the
/// whole frame on every draw, which cost more than the face model itself.</summary>
internal static class Resample
{
    private static readonly SKSamplingOptions Sampling = new(SKFilterMode.Linear, SKMipmapMode.None);

    /// <summary>Draws <paramref name="source"/> into <paramref name="target"/> (cleared to black first) with <paramref name="matrix"/>
    /// mapping frame pixels to target pixels.</summary>
    public static void Draw(SKImage source, SKBitmap target, SKMatrix matrix)
    {
        using var canvas = new SKCanvas(target);
        canvas.Clear(SKColors.Black);
        canvas.SetMatrix(matrix);
        canvas.DrawImage(source, 0, 0, Sampling);
    }

    /// <summary>Draws the <paramref name="sourceRect"/> of <paramref name="source"/> into <paramref name="destRect"/> of <paramref name="target"/>.</summary>
    public static void Draw(SKImage source, SKRect sourceRect, SKBitmap target, SKRect destRect)
    {
        using var canvas = new SKCanvas(target);
        canvas.Clear(SKColors.Black);
        canvas.DrawImage(source, sourceRect, destRect, Sampling);
    }
}
