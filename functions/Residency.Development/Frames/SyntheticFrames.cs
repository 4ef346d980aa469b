using SkiaSharp;

namespace Residency.Development.Frames;

/// <summary>
/// Generates labelled exterior frames for tests, <c>local-run</c> and the frame benchmark: road scenes with a real face
/// (the astronaut photo) or a mainland plate of any <see cref="PlateKind"/> at several sizes and angles, with blur and
/// sensor noise, and clean scenes without faces or text. Deterministic per seed. Not thread-safe; create one per thread.
/// </summary>
public sealed class SyntheticFrames : IDisposable
{
    // Where the face is in the 512x512 astronaut photo: BlazeFace's box (173, 75, 104x104) grown to the hairline and chin.
    private static readonly SKRect FaceInPhoto = new(175, 55, 285, 190);

    private readonly SKTypeface _typeface;
    private readonly SKImage _facePhoto;

    /// <summary>Loads the font and the face photo.</summary>
    public SyntheticFrames(SyntheticFrameAssets assets)
    {
        ArgumentNullException.ThrowIfNull(assets);
        assets.EnsureExist();
        _typeface = SKTypeface.FromFile(assets.FontFile) ?? throw new InvalidOperationException($"{assets.FontFile} is not a font Skia reads.");
        _facePhoto = SKImage.FromEncodedData(assets.FacePhotoFile) ?? throw new InvalidOperationException($"{assets.FacePhotoFile} is not an image Skia reads.");
    }

    /// <summary>Every plate design, in a fixed order.</summary>
    public static IReadOnlyList<PlateKind> PlateKinds { get; } = Enum.GetValues<PlateKind>();

    /// <summary><paramref name="count"/> face frames of one size.</summary>
    public IReadOnlyList<SyntheticFrame> FaceSet(int width, int height, int count, int seed = 1) =>
        [.. Enumerable.Range(0, count).Select(i => Face(width, height, (seed * 7919) + i))];

    /// <summary><paramref name="perKind"/> plate frames of every <see cref="PlateKind"/>, of one size.</summary>
    public IReadOnlyList<SyntheticFrame> PlateSet(int width, int height, int perKind, int seed = 1) =>
        [.. PlateKinds.SelectMany(kind => Enumerable.Range(0, perKind).Select(i => Plate(kind, width, height, (seed * 7919) + (i * 31) + (int)kind)))];

    /// <summary><paramref name="count"/> frames without faces or text, of one size.</summary>
    public static IReadOnlyList<SyntheticFrame> CleanSet(int width, int height, int count, int seed = 1) =>
        [.. Enumerable.Range(0, count).Select(i => Clean(width, height, (seed * 7919) + i))];

    /// <summary>A scene with the astronaut's face 60-220 px wide (scaled with the frame), tilted up to 8 degrees.</summary>
    public SyntheticFrame Face(int width, int height, int seed)
    {
        var random = new Random(seed);
        using var scene = SceneRenderer.Draw(width, height, random);
        var faceWidth = (60 + (160 * random.NextSingle())) * height / 720f;
        var scale = faceWidth / FaceInPhoto.Width;
        var photoSize = 512 * scale;
        var x = (width - photoSize) * random.NextSingle();
        var y = (height - photoSize) * random.NextSingle();
        var angle = (random.NextSingle() * 16) - 8;
        using (var canvas = new SKCanvas(scene))
        {
            canvas.Translate(x, y);
            canvas.RotateDegrees(angle, photoSize / 2, photoSize / 2);
            canvas.DrawImage(_facePhoto, new SKRect(0, 0, photoSize, photoSize), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        }

        var matrix = SKMatrix.CreateTranslation(x, y).PreConcat(SKMatrix.CreateRotationDegrees(angle, photoSize / 2, photoSize / 2))
            .PreConcat(SKMatrix.CreateScale(scale, scale));
        var truth = Round(matrix.MapRect(FaceInPhoto));
        return Finish($"face-{width}x{height}-{seed}", SyntheticContent.Face, null, null, scene, random, truth);
    }

    /// <summary>A scene with a car and its plate, 9-24% of the frame width, tilted up to 8 degrees and slightly sheared.</summary>
    public SyntheticFrame Plate(PlateKind kind, int width, int height, int seed)
    {
        var random = new Random(seed);
        var number = PlateNumbers.Next(kind, random);
        using var scene = SceneRenderer.Draw(width, height, random);
        var plateWidth = (int)(width * (0.09f + (0.15f * random.NextSingle())));
        using var plate = PlateRenderer.Draw(kind, number, _typeface, plateWidth);
        var center = new SKPoint(width * (0.2f + (0.6f * random.NextSingle())), height * (0.45f + (0.4f * random.NextSingle())));
        var angle = (random.NextSingle() * 16) - 8;
        var shear = (random.NextSingle() * 0.2f) - 0.1f;
        var matrix = SKMatrix.CreateTranslation(center.X, center.Y)
            .PreConcat(SKMatrix.CreateRotationDegrees(angle))
            .PreConcat(SKMatrix.CreateSkew(0, shear))
            .PreConcat(SKMatrix.CreateTranslation(-plate.Width / 2f, -plate.Height / 2f));
        using (var canvas = new SKCanvas(scene))
        {
            canvas.SetMatrix(matrix);
            // The car around the plate: the plate sits low in the middle of its rear.
            var bodyWidth = plate.Width * 3.2f;
            var body = SKRect.Create((plate.Width - bodyWidth) / 2, -plate.Height * 5.2f, bodyWidth, bodyWidth * 0.6f);
            SceneRenderer.CarBody(canvas, body, random);
            using var image = SKImage.FromBitmap(plate);
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        }

        var truth = Round(matrix.MapRect(new SKRect(0, 0, plate.Width, plate.Height)));
        return Finish($"plate-{kind.ToString().ToLowerInvariant()}-{width}x{height}-{seed}", SyntheticContent.Plate, kind, number, scene, random, truth);
    }

    /// <summary>A scene without faces or text.</summary>
    public static SyntheticFrame Clean(int width, int height, int seed)
    {
        var random = new Random(seed);
        using var scene = SceneRenderer.Draw(width, height, random);
        return Finish($"clean-{width}x{height}-{seed}", SyntheticContent.Clean, null, null, scene, random, null);
    }

    /// <summary>Releases the font and the photo.</summary>
    public void Dispose()
    {
        _typeface.Dispose();
        _facePhoto.Dispose();
    }

    // Lens blur (sigma 0-1.2 px) and sensor noise (up to +-10 levels), then JPEG quality 70-92 as a dash camera writes it.
    private static SyntheticFrame Finish(string name, SyntheticContent content, PlateKind? kind, string? number, SKBitmap scene, Random random, SKRectI? truth)
    {
        var sigma = 1.2f * random.NextSingle();
        using var blurred = new SKBitmap(scene.Info);
        using (var canvas = new SKCanvas(blurred))
        using (var source = SKImage.FromBitmap(scene))
        using (var filter = sigma > 0.2f ? SKImageFilter.CreateBlur(sigma, sigma, SKShaderTileMode.Clamp) : null)
        using (var paint = new SKPaint { ImageFilter = filter })
        {
            canvas.DrawImage(source, 0, 0, SKSamplingOptions.Default, paint);
        }

        var amplitude = random.Next(0, 11);
        var pixels = blurred.GetPixelSpan();
        for (var i = 0; i < pixels.Length; i += 4)
        {
            var noise = random.Next(-amplitude, amplitude + 1);
            pixels[i] = (byte)Math.Clamp(pixels[i] + noise, 0, 255);
            pixels[i + 1] = (byte)Math.Clamp(pixels[i + 1] + noise, 0, 255);
            pixels[i + 2] = (byte)Math.Clamp(pixels[i + 2] + noise, 0, 255);
        }

        using var data = blurred.Encode(SKEncodedImageFormat.Jpeg, random.Next(70, 93));
        var clipped = truth is { } t ? SKRectI.Intersect(t, new SKRectI(0, 0, scene.Width, scene.Height)) : (SKRectI?)null;
        return new SyntheticFrame(name, content, kind, number, data.ToArray(), scene.Width, scene.Height, clipped);
    }

    private static SKRectI Round(SKRect rect) => SKRectI.Round(rect);
}
