namespace Residency.Frames;

/// <summary>Encoded image formats. Altered frames keep JPEG and WebP; any other input is re-encoded as PNG.</summary>
public enum FrameFormat
{
    /// <summary>Not known (the bytes could not be read).</summary>
    Unknown,

    /// <summary>JPEG.</summary>
    Jpeg,

    /// <summary>PNG.</summary>
    Png,

    /// <summary>WebP.</summary>
    Webp,

    /// <summary>Another format the decoder reads (GIF, BMP, ...); kept as is when unchanged, written as PNG when altered.</summary>
    Other,
}
