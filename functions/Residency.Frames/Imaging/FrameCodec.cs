using SkiaSharp;

namespace Residency.Frames.Imaging;

/// <summary>Reads an encoded frame's header, decodes it to RGBA and encodes the altered frame.</summary>
internal static class FrameCodec
{
    /// <summary>The header's dimensions and format, read without decoding pixels; false when the bytes are no image Skia reads.</summary>
    public static bool TryReadHeader(SKCodec codec, out int width, out int height, out FrameFormat format)
    {
        var info = codec.Info;
        width = info.Width;
        height = info.Height;
        format = codec.EncodedFormat switch
        {
            SKEncodedImageFormat.Jpeg => FrameFormat.Jpeg,
            SKEncodedImageFormat.Png => FrameFormat.Png,
            SKEncodedImageFormat.Webp => FrameFormat.Webp,
            _ => FrameFormat.Other,
        };
        return width > 0 && height > 0;
    }

    /// <summary>Decodes every pixel into premultiplied RGBA; null when the data is corrupt or truncated.</summary>
    public static SKBitmap? Decode(SKCodec codec, int width, int height)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var bitmap = new SKBitmap(info);
        if (bitmap.GetPixels() == IntPtr.Zero || codec.GetPixels(info, bitmap.GetPixels()) != SKCodecResult.Success)
        {
            bitmap.Dispose();
            return null;
        }

        return bitmap;
    }

    /// <summary>The format an altered frame is written in: JPEG and WebP stay, anything else becomes PNG (lossless).</summary>
    public static FrameFormat OutputFormat(FrameFormat input) => input is FrameFormat.Jpeg or FrameFormat.Webp ? input : FrameFormat.Png;

    public static byte[] Encode(SKBitmap bitmap, FrameFormat format, int quality)
    {
        var skFormat = format switch
        {
            FrameFormat.Jpeg => SKEncodedImageFormat.Jpeg,
            FrameFormat.Webp => SKEncodedImageFormat.Webp,
            _ => SKEncodedImageFormat.Png,
        };
        using var pixmap = bitmap.PeekPixels();
        using var data = pixmap.Encode(skFormat, quality)
            ?? throw new InvalidOperationException($"Skia could not encode a {bitmap.Width}x{bitmap.Height} frame as {skFormat}.");
        return data.ToArray();
    }
}
