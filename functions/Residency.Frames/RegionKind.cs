namespace Residency.Frames;

/// <summary>What a blurred region held.</summary>
public enum RegionKind
{
    /// <summary>A face.</summary>
    Face,

    /// <summary>A licence plate (text recognised as one).</summary>
    Plate,

    /// <summary>Other text, blurred in <see cref="FrameDetectors.AllText"/> mode.</summary>
    Text,
}
