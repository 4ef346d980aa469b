using System.Buffers.Binary;
using SkiaSharp;

namespace Residency.Development.Frames;

/// <summary>Images built to attack a decoder: a few bytes whose headers declare gigapixel frames (decompression bombs).</summary>
public static class HostileImages
{
    /// <summary>A real 16x16 PNG whose IHDR declares <paramref name="width"/> x <paramref name="height"/> (CRC recomputed): a valid header, far too little pixel data.</summary>
    public static byte[] HugePng(int width, int height)
    {
        using var bitmap = new SKBitmap(16, 16);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        var png = data.ToArray();
        // Signature (8), IHDR length (4), "IHDR" (4), then width and height.
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), height);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), Crc32(png.AsSpan(12, 17)));
        return png;
    }

    // PNG's chunk CRC (ISO 3309, reflected polynomial 0xEDB88320).
    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    /// <summary>A real 16x16 JPEG whose frame header (SOF) declares <paramref name="width"/> x <paramref name="height"/>.</summary>
    public static byte[] HugeJpeg(int width, int height)
    {
        using var bitmap = new SKBitmap(16, 16);
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        var jpeg = data.ToArray();
        for (var i = 2; i < jpeg.Length - 9; i++)
        {
            if (jpeg[i] == 0xFF && jpeg[i + 1] is 0xC0 or 0xC1 or 0xC2)
            {
                // FF C0, length (2), precision (1), height (2), width (2).
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(i + 5), (ushort)height);
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(i + 7), (ushort)width);
                return jpeg;
            }
        }

        throw new InvalidOperationException("No SOF marker in the encoded JPEG.");
    }
}
