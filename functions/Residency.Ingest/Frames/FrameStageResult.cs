namespace Residency.Ingest.Frames;

/// <summary>An upload after the frame stage: its (possibly rewritten) JSON, or why it must be quarantined.</summary>
public sealed record FrameStageResult
{
    /// <summary>The JSON to classify: the upload as received when it has no frame to de-identify.</summary>
    public ReadOnlyMemory<byte> Utf8 { get; init; }

    /// <summary><c>invalid-image</c> or <c>image-too-large</c> when the upload is quarantined; null otherwise.</summary>
    public string? ReasonCode { get; init; }

    /// <summary>Why, without image bytes or recognised text.</summary>
    public string? Detail { get; init; }

    /// <summary>Frames de-identified.</summary>
    public int Frames { get; init; }

    /// <summary>Frames whose pixels changed.</summary>
    public int Altered { get; init; }

    /// <summary>Faces blurred.</summary>
    public int Faces { get; init; }

    /// <summary>Licence plates blurred.</summary>
    public int Plates { get; init; }

    /// <summary>Other text regions blurred (all-text mode).</summary>
    public int TextRegions { get; init; }

    /// <summary>True when the upload goes to quarantine.</summary>
    public bool Refused => ReasonCode is not null;

    internal static FrameStageResult Unchanged(ReadOnlyMemory<byte> utf8) => new() { Utf8 = utf8 };

    internal static FrameStageResult Quarantine(string reasonCode, string detail) => new() { ReasonCode = reasonCode, Detail = detail };
}
