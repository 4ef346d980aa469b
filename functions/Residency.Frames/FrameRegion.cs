namespace Residency.Frames;

/// <summary>One blurred region in pixels of the frame (the detector's box before the margin), with the detector's confidence.
/// It never carries recognised text.</summary>
public readonly record struct FrameRegion(RegionKind Kind, int X, int Y, int Width, int Height, float Confidence);
