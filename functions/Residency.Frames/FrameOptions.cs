namespace Residency.Frames;

/// <summary>Per-call settings of <see cref="FrameDeidentifier.Deidentify"/>. The defaults suit 720p-1080p exterior frames.</summary>
public sealed record FrameOptions
{
    /// <summary>The defaults: faces and plates, Gaussian blur.</summary>
    public static FrameOptions Default { get; } = new();

    /// <summary>Which detectors run.</summary>
    public FrameDetectors Detectors { get; init; } = FrameDetectors.Faces | FrameDetectors.Plates;

    /// <summary>How regions are blurred.</summary>
    public BlurMethod Blur { get; init; } = BlurMethod.Gaussian;

    /// <summary>Lowest BlazeFace score (0-1) that counts as a face.</summary>
    public float MinFaceConfidence { get; init; } = 0.7f;

    /// <summary>Lowest mean text probability (0-1) of a text region (DB box score).</summary>
    public float MinTextConfidence { get; init; } = 0.5f;

    /// <summary>Margin added on every side of a region before blurring, as a share of its larger side (BlazeFace boxes are tight).</summary>
    public float Margin { get; init; } = 0.2f;

    /// <summary>Also run BlazeFace on overlapping squares of the frame's short side (two for 16:9), so that small faces are not
    /// shrunk away by its 256 px input: a 75 px face in a 1280x720 frame is 15 px in the whole frame's input, 27 px in a tile's.</summary>
    public bool FaceTiling { get; init; } = true;

    /// <summary>Long side in pixels the frame is scaled to for text detection (a multiple of 32; smaller is faster and misses small text).</summary>
    public int TextDetectionSide { get; init; } = 640;

    /// <summary>Largest frame accepted, in pixels (width x height as the header declares them).</summary>
    public long MaxPixels { get; init; } = 4096L * 4096;

    /// <summary>JPEG/WebP quality (1-100) of altered frames.</summary>
    public int Quality { get; init; } = 90;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MinFaceConfidence, 0f, nameof(MinFaceConfidence));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MinFaceConfidence, 1f, nameof(MinFaceConfidence));
        ArgumentOutOfRangeException.ThrowIfLessThan(MinTextConfidence, 0f, nameof(MinTextConfidence));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MinTextConfidence, 1f, nameof(MinTextConfidence));
        ArgumentOutOfRangeException.ThrowIfLessThan(Margin, 0f, nameof(Margin));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Margin, 2f, nameof(Margin));
        if (TextDetectionSide < 320 || TextDetectionSide > 2048 || TextDetectionSide % 32 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(TextDetectionSide), TextDetectionSide, "TextDetectionSide must be a multiple of 32 from 320 to 2048.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPixels, 1L, nameof(MaxPixels));
        ArgumentOutOfRangeException.ThrowIfLessThan(Quality, 1, nameof(Quality));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Quality, 100, nameof(Quality));
    }
}
