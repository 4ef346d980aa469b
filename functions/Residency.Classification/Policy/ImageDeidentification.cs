using System.Globalization;
using System.Text.Json.Serialization;

namespace Residency.Classification.Policy;

/// <summary>The options of a <c>deidentify-image</c> action: what the ingest frame stage detects in a camera frame and how it
/// blurs what it finds (docs/frames.md).</summary>
public sealed class ImageDeidentification
{
    /// <summary>The defaults: faces and plates, Gaussian blur, confidence 0.7, tiling on.</summary>
    public static ImageDeidentification Default { get; } = new();

    /// <summary>Which detectors run.</summary>
    public IReadOnlyList<ImageDetector> Detectors { get; init; } = [ImageDetector.Faces, ImageDetector.Plates];

    /// <summary>How found regions are made unrecognisable.</summary>
    public ImageBlur Blur { get; init; } = ImageBlur.Gaussian;

    /// <summary>Lowest face score (0-1) that counts as a face.</summary>
    public double MinConfidence { get; init; } = 0.7;

    /// <summary>Also look for faces in overlapping tiles, so that small faces are found.</summary>
    public bool Tiling { get; init; } = true;

    /// <summary>A short human-readable form, for example <c>deidentify-image(faces,plates;gaussian;0.7;tiling)</c>.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"deidentify-image({string.Join(",", Detectors.Select(Name))};{(Blur == ImageBlur.Gaussian ? "gaussian" : "pixelate")};{MinConfidence};{(Tiling ? "tiling" : "no-tiling")})");

    /// <summary>The policy name of a detector.</summary>
    public static string Name(ImageDetector detector) => detector switch
    {
        ImageDetector.Faces => "faces",
        ImageDetector.Plates => "plates",
        _ => "all-text",
    };
}

/// <summary>A detector of the frame stage.</summary>
public enum ImageDetector
{
    /// <summary>Faces (BlazeFace).</summary>
    [JsonStringEnumMemberName("faces")]
    Faces,

    /// <summary>Mainland licence plates: text regions whose recognised text the plate detector accepts.</summary>
    [JsonStringEnumMemberName("plates")]
    Plates,

    /// <summary>Every text region, plate or not.</summary>
    [JsonStringEnumMemberName("all-text")]
    AllText,
}

/// <summary>How the frame stage hides a region.</summary>
public enum ImageBlur
{
    /// <summary>A strong Gaussian blur.</summary>
    [JsonStringEnumMemberName("gaussian")]
    Gaussian,

    /// <summary>Coarse pixelation.</summary>
    [JsonStringEnumMemberName("pixelate")]
    Pixelate,
}
