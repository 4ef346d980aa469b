namespace Residency.Frames;

/// <summary>Time spent per stage on one frame (zero for a stage that did not run).</summary>
public sealed record StageTimings(
    TimeSpan Decode, TimeSpan Faces, TimeSpan TextDetection, TimeSpan Recognition, TimeSpan Blur, TimeSpan Encode)
{
    /// <summary>No stage ran.</summary>
    public static StageTimings None { get; } = new(default, default, default, default, default, default);

    /// <summary>The sum of the stages.</summary>
    public TimeSpan Total => Decode + Faces + TextDetection + Recognition + Blur + Encode;
}
