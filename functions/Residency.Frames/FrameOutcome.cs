namespace Residency.Frames;

/// <summary>What de-identification did with a frame.</summary>
public enum FrameOutcome
{
    /// <summary>Nothing to blur was found: the original bytes are kept untouched (not re-encoded).</summary>
    Unchanged,

    /// <summary>Regions were blurred and the frame re-encoded.</summary>
    Altered,

    /// <summary>The bytes are not an image that can be decoded (reason <c>invalid-image</c>).</summary>
    InvalidImage,

    /// <summary>The header declares more pixels than allowed; refused before decoding (reason <c>image-too-large</c>).</summary>
    TooLarge,
}
