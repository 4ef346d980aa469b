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

    /// <summary>Every text region is blurred (plates included); with <see cref="Plates"/> too, plates are recognised and counted apart.</summary>
    AllText = 4,
}
