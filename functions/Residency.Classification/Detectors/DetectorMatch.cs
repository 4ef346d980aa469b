namespace Residency.Classification.Detectors;

/// <summary>One detector hit: which detector, and where in the scanned UTF-8 text (byte offsets).</summary>
public readonly record struct DetectorMatch(DetectorKind Kind, int Start, int Length);
