using System.Diagnostics;
using Residency.Frames.Imaging;
using Residency.Frames.Inference;
using SkiaSharp;

namespace Residency.Frames;

/// <summary>
/// Blurs faces and licence plates in exterior camera frames before storage (Automotive Data Provisions Art. 3 and 8,
/// GB/T 41871-2022). Create one per process: creating one verifies the models and starts compiling them.
/// <see cref="Deidentify"/> is safe to call from many threads at once; each call uses the inference threads of
/// <see cref="FrameDeidentifierSettings"/>.
/// </summary>
public sealed class FrameDeidentifier : IDisposable
{
    private readonly Task<CompiledModels> _models;
    private readonly EventHandler _waitAtExit;
    private int _disposed;

    /// <summary>Loads the models from <c>frame-models/</c> beside the application, one inference thread per call.</summary>
    public FrameDeidentifier()
        : this(new FrameDeidentifierSettings())
    {
    }

    /// <summary>Reads and verifies the models, then compiles them in the background (<see cref="Compiled"/>); throws
    /// <see cref="ModelIntegrityException"/> naming the file when one is missing or not the pinned one.</summary>
    public FrameDeidentifier(FrameDeidentifierSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var verified = VerifiedModelBytes.Read(settings.ModelDirectory);

        // Compiling takes about 0.4 s, a third of a new handler's start: it runs while the handler starts listening, and
        // the first frame waits for it. A process must not exit while ONNX Runtime compiles (a short-lived CLI run that
        // did crashed), so the process's exit waits for it too.
        _models = Task.Run(() => CompiledModels.Compile(verified, settings));
        _waitAtExit = (_, _) => WaitForCompile();
        AppDomain.CurrentDomain.ProcessExit += _waitAtExit;
    }

    /// <summary>Completes when the models are compiled; faults with the reason when they cannot be.</summary>
    public Task Compiled => _models;

    /// <summary>The pinned SHA-256 (lower-case hex) of every model file, by file name: a loaded de-identifier runs exactly
    /// these, so a stored frame can name what de-identified it.</summary>
    public static IReadOnlyDictionary<string, string> ModelSha256 { get; } =
        ModelFiles.All.ToDictionary(f => f.FileName, f => f.Sha256, StringComparer.Ordinal);

    /// <summary>De-identifies one encoded frame (JPEG, PNG, WebP, or another format Skia reads). Refuses images larger than
    /// <see cref="FrameOptions.MaxPixels"/> from their header, before decoding.</summary>
    public FrameResult Deidentify(ReadOnlyMemory<byte> encodedImage, FrameOptions? options = null)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        options ??= FrameOptions.Default;
        options.Validate();
        var models = _models.GetAwaiter().GetResult();

        var start = Stopwatch.GetTimestamp();
        using var data = SKData.CreateCopy(encodedImage.Span);
        using var codec = SKCodec.Create(data);
        if (codec is null || !FrameCodec.TryReadHeader(codec, out var width, out var height, out var format))
        {
            return Refused(FrameOutcome.InvalidImage, FrameReasons.InvalidImage, FrameFormat.Unknown, 0, 0, Stopwatch.GetElapsedTime(start));
        }

        if ((long)width * height > options.MaxPixels)
        {
            return Refused(FrameOutcome.TooLarge, FrameReasons.ImageTooLarge, format, width, height, Stopwatch.GetElapsedTime(start));
        }

        using var bitmap = FrameCodec.Decode(codec, width, height);
        var decode = Stopwatch.GetElapsedTime(start);
        if (bitmap is null)
        {
            return Refused(FrameOutcome.InvalidImage, FrameReasons.InvalidImage, format, width, height, decode);
        }

        var regions = new List<FrameRegion>();
        TimeSpan faces = default, textDetection = default, recognition = default;
        using (var image = SKImage.FromPixels(bitmap.PeekPixels()))
        {
            if (options.Detectors.HasFlag(FrameDetectors.Faces))
            {
                var stage = Stopwatch.GetTimestamp();
                foreach (var face in models.Faces.Detect(image, options.MinFaceConfidence, options.FaceTiling))
                {
                    regions.Add(ToRegion(RegionKind.Face, face.Left, face.Top, face.Right, face.Bottom, face.Score, width, height));
                }

                faces = Stopwatch.GetElapsedTime(stage);
            }

            if ((options.Detectors & (FrameDetectors.Plates | FrameDetectors.AllText)) != 0)
            {
                var stage = Stopwatch.GetTimestamp();
                var boxes = models.TextDetector.Detect(image, options.TextDetectionSide, options.MinTextConfidence);
                textDetection = Stopwatch.GetElapsedTime(stage);
                stage = Stopwatch.GetTimestamp();
                foreach (var (box, kind) in models.Plates.Find(image, boxes, options.Detectors))
                {
                    var bounds = box.Bounds;
                    regions.Add(ToRegion(kind, bounds.Left, bounds.Top, bounds.Right, bounds.Bottom, box.Score, width, height));
                }

                recognition = Stopwatch.GetElapsedTime(stage);
            }
        }

        var counts = (Faces: regions.Count(r => r.Kind == RegionKind.Face), Plates: regions.Count(r => r.Kind == RegionKind.Plate),
            Text: regions.Count(r => r.Kind == RegionKind.Text));
        if (regions.Count == 0)
        {
            return new FrameResult
            {
                Outcome = FrameOutcome.Unchanged, Image = encodedImage, Format = format, Width = width, Height = height,
                Timings = new StageTimings(decode, faces, textDetection, recognition, default, default),
            };
        }

        var blurStart = Stopwatch.GetTimestamp();
        RegionBlur.Apply(bitmap, [.. regions.Select(r => WithMargin(r, options.Margin, width, height))], options.Blur);
        var blur = Stopwatch.GetElapsedTime(blurStart);
        var encodeStart = Stopwatch.GetTimestamp();
        var outputFormat = FrameCodec.OutputFormat(format);
        var encoded = FrameCodec.Encode(bitmap, outputFormat, options.Quality);
        var encode = Stopwatch.GetElapsedTime(encodeStart);
        return new FrameResult
        {
            Outcome = FrameOutcome.Altered, Faces = counts.Faces, Plates = counts.Plates, TextRegions = counts.Text, Regions = regions,
            Image = encoded, Format = outputFormat, Width = width, Height = height,
            Timings = new StageTimings(decode, faces, textDetection, recognition, blur, encode),
        };
    }

    /// <summary>Releases the inference sessions; calls after this throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= _waitAtExit;
        WaitForCompile();
        if (_models.IsCompletedSuccessfully)
        {
            _models.Result.Dispose();
        }
    }

    /// <summary>Blocks until the compilation has ended, whether or not it succeeded.</summary>
    private void WaitForCompile() => Task.WhenAny(_models).GetAwaiter().GetResult();

    private static FrameRegion ToRegion(RegionKind kind, float left, float top, float right, float bottom, float score, int width, int height)
    {
        var x0 = Math.Clamp((int)MathF.Floor(left), 0, width);
        var y0 = Math.Clamp((int)MathF.Floor(top), 0, height);
        var x1 = Math.Clamp((int)MathF.Ceiling(right), 0, width);
        var y1 = Math.Clamp((int)MathF.Ceiling(bottom), 0, height);
        return new FrameRegion(kind, x0, y0, x1 - x0, y1 - y0, score);
    }

    private static SKRectI WithMargin(FrameRegion region, float margin, int width, int height)
    {
        var grow = (int)MathF.Ceiling(Math.Max(region.Width, region.Height) * margin);
        return new SKRectI(Math.Max(0, region.X - grow), Math.Max(0, region.Y - grow),
            Math.Min(width, region.X + region.Width + grow), Math.Min(height, region.Y + region.Height + grow));
    }

    private static FrameResult Refused(FrameOutcome outcome, string reason, FrameFormat format, int width, int height, TimeSpan decode) => new()
    {
        Outcome = outcome, Reason = reason, Format = format, Width = width, Height = height,
        Timings = new StageTimings(decode, default, default, default, default, default),
    };
}
