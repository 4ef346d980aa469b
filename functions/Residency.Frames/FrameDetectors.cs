namespace Residency.Frames;

/// <summary>Which detectors run on a frame.</summary>
[Flags]
public enum FrameDetectors
{
    /// <summary>No detector: every frame is kept unchanged.</summary>
    None = 0,

    /// <summary>Faces (BlazeFace).</summary>
    Faces = 1,

    /// <summary>Licence plates: text regions whose recognised text is a plate.</summary>
    Plates = 2,

    /// <summary>Every text region, without recognition (implies plates).</summary>
    AllText = 4,
}
