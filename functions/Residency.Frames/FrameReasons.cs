namespace Residency.Frames;

/// <summary>Reason codes of frames that could not be de-identified, in the pipeline's quarantine vocabulary.</summary>
public static class FrameReasons
{
    /// <summary>The bytes could not be decoded as an image.</summary>
    public const string InvalidImage = "invalid-image";

    /// <summary>The declared dimensions exceed <see cref="FrameOptions.MaxPixels"/>.</summary>
    public const string ImageTooLarge = "image-too-large";
}
