using System.Runtime.InteropServices;
using Residency.Development.Frames;
using SkiaSharp;
using Xunit;

namespace Residency.Frames.Tests;

[Collection(FramesGroup.Name)]
public sealed class UnchangedAndInvalidTests(FramesFixture fixture)
{
    [Theory]
    [InlineData(1280, 720, 21)]
    [InlineData(1280, 720, 22)]
    [InlineData(1920, 1080, 23)]
    public void A_frame_without_faces_or_plates_keeps_its_bytes_exactly(int width, int height, int seed)
    {
        var frame = SyntheticFrames.Clean(width, height, seed);
        var original = frame.Jpeg.ToArray();

        var result = fixture.Deidentifier.Deidentify(frame.Jpeg);

        Assert.Equal(FrameOutcome.Unchanged, result.Outcome);
        Assert.Null(result.Reason);
        Assert.Empty(result.Regions);
        // The very array the caller passed, not a re-encoded copy, and the caller's bytes are untouched.
        Assert.True(MemoryMarshal.TryGetArray(result.Image, out var segment));
        Assert.Same(frame.Jpeg, segment.Array);
        Assert.Equal(original, result.Image.ToArray());
        Assert.Equal(original, frame.Jpeg);
        Assert.Equal(TimeSpan.Zero, result.Timings.Encode);
    }

    [Fact]
    public void Random_bytes_are_an_invalid_image()
    {
        var bytes = new byte[4096];
        new Random(5).NextBytes(bytes);

        var result = fixture.Deidentifier.Deidentify(bytes);

        Assert.Equal(FrameOutcome.InvalidImage, result.Outcome);
        Assert.Equal("invalid-image", result.Reason);
        Assert.True(result.Image.IsEmpty);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.05)]
    public void A_truncated_jpeg_is_an_invalid_image(double keep)
    {
        var jpeg = fixture.Frames.Plate(PlateKind.Blue, 1280, 720, seed: 3).Jpeg;
        var corrupt = jpeg.AsMemory(0, (int)(jpeg.Length * keep));

        var result = fixture.Deidentifier.Deidentify(corrupt);

        Assert.Equal(FrameOutcome.InvalidImage, result.Outcome);
        Assert.Equal(FrameReasons.InvalidImage, result.Reason);
        Assert.Equal(0, result.Plates);
    }

    [Fact]
    public void A_jpeg_whose_header_tables_are_destroyed_is_an_invalid_image()
    {
        var jpeg = fixture.Astronaut.ToArray();
        // Everything after the start-of-image marker up to well into the data: no tables, no frame header.
        Array.Clear(jpeg, 2, 600);

        var result = fixture.Deidentifier.Deidentify(jpeg);

        Assert.Equal(FrameOutcome.InvalidImage, result.Outcome);
        Assert.Equal(FrameReasons.InvalidImage, result.Reason);
    }

    [Theory]
    [InlineData("png")]
    [InlineData("jpeg")]
    public void A_header_declaring_60000x60000_is_refused_before_decoding(string format)
    {
        var bomb = format == "png" ? HostileImages.HugePng(60000, 60000) : HostileImages.HugeJpeg(60000, 60000);

        var result = fixture.Deidentifier.Deidentify(bomb);

        // Decoding would need 14.4 GB and then fail on the missing pixel data (invalid-image): too-large proves the header alone decided.
        Assert.Equal(FrameOutcome.TooLarge, result.Outcome);
        Assert.Equal("image-too-large", result.Reason);
        Assert.Equal((60000, 60000), (result.Width, result.Height));
        Assert.True(result.Image.IsEmpty);
        Assert.Equal(TimeSpan.Zero, result.Timings.Faces);
    }

    [Fact]
    public void MaxPixels_is_the_limit()
    {
        var options = FrameOptions.Default with { MaxPixels = (512 * 512) - 1 };

        Assert.Equal(FrameOutcome.TooLarge, fixture.Deidentifier.Deidentify(fixture.Astronaut, options).Outcome);
        Assert.Equal(FrameOutcome.Altered, fixture.Deidentifier.Deidentify(fixture.Astronaut, options with { MaxPixels = 512 * 512 }).Outcome);
    }

    [Fact]
    public void A_png_frame_stays_png()
    {
        using var bitmap = SKBitmap.Decode(fixture.Astronaut);
        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);

        var result = fixture.Deidentifier.Deidentify(png.ToArray());

        Assert.Equal(FrameOutcome.Altered, result.Outcome);
        Assert.Equal(FrameFormat.Png, result.Format);
        using var codec = SKCodec.Create(SKData.CreateCopy(result.Image.Span));
        Assert.Equal(SKEncodedImageFormat.Png, codec.EncodedFormat);
    }
}
