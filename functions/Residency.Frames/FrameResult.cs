using System.Globalization;

namespace Residency.Frames;

/// <summary>
/// What <see cref="FrameDeidentifier.Deidentify"/> found and what to store. Everything here may be logged: regions are boxes
/// and counts, never recognised text (the image bytes are the frame itself, not for logs).
/// </summary>
public sealed class FrameResult
{
    internal FrameResult()
    {
    }

    /// <summary>Unchanged, altered, or why the frame could not be de-identified.</summary>
    public required FrameOutcome Outcome { get; init; }

    /// <summary><c>invalid-image</c> or <c>image-too-large</c> (see <see cref="FrameReasons"/>); null when the frame was processed.</summary>
    public string? Reason { get; init; }

    /// <summary>Faces found (and blurred).</summary>
    public int Faces { get; init; }

    /// <summary>Licence plates found (and blurred).</summary>
    public int Plates { get; init; }

    /// <summary>Other text regions blurred (only in <see cref="FrameDetectors.AllText"/> mode).</summary>
    public int TextRegions { get; init; }

    /// <summary>The blurred regions, in frame pixels before the margin.</summary>
    public IReadOnlyList<FrameRegion> Regions { get; init; } = [];

    /// <summary>The bytes to store: the caller's original bytes when unchanged, the re-encoded frame when altered, empty otherwise.</summary>
    public ReadOnlyMemory<byte> Image { get; init; }

    /// <summary>The format of <see cref="Image"/> (of the input when it was refused after its header was read).</summary>
    public FrameFormat Format { get; init; }

    /// <summary>Width in pixels (from the header; 0 when it could not be read).</summary>
    public int Width { get; init; }

    /// <summary>Height in pixels (from the header; 0 when it could not be read).</summary>
    public int Height { get; init; }

    /// <summary>Time per stage.</summary>
    public StageTimings Timings { get; init; } = StageTimings.None;

    /// <summary>A one-line summary without text or pixels, safe to log.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Outcome}{(Reason is null ? "" : " (" + Reason + ")")}: {Faces} faces, {Plates} plates, {TextRegions} text regions, {Width}x{Height} {Format}, {Image.Length} bytes, {Timings.Total.TotalMilliseconds:F1} ms");
}
