using SkiaSharp;

namespace Residency.Development.Frames;

/// <summary>A generated exterior frame (JPEG) with what it shows and where. <see cref="ToString"/> leaves out the plate number,
/// like everything that may be logged.</summary>
public sealed class SyntheticFrame
{
    internal SyntheticFrame(string name, SyntheticContent content, PlateKind? plateKind, string? plateNumber, byte[] jpeg, int width, int height, SKRectI? truth)
    {
        Name = name;
        Content = content;
        PlateKind = plateKind;
        PlateNumber = plateNumber;
        Jpeg = jpeg;
        Width = width;
        Height = height;
        Truth = truth;
    }

    /// <summary>A name for reports, e.g. <c>plate-blue-1280x720-3</c>.</summary>
    public string Name { get; }

    /// <summary>Face, plate or clean.</summary>
    public SyntheticContent Content { get; }

    /// <summary>The plate's design, for plate frames.</summary>
    public PlateKind? PlateKind { get; }

    /// <summary>The plate's characters without the dot (test data: for checking that it never appears in a result or a log).</summary>
    public string? PlateNumber { get; }

    /// <summary>The encoded frame.</summary>
    public byte[] Jpeg { get; }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Where the face or plate is (axis-aligned, frame pixels); null for clean frames.</summary>
    public SKRectI? Truth { get; }

    /// <summary>The name and size, never the plate number.</summary>
    public override string ToString() => $"{Name} ({Jpeg.Length} bytes)";
}
