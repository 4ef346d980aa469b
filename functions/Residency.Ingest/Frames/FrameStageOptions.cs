namespace Residency.Ingest.Frames;

/// <summary>Bounds of the frame stage: a batch of uploads must not turn into unbounded CPU time or memory.</summary>
public sealed class FrameStageOptions
{
    /// <summary>Frames one upload may carry for de-identification; an upload with more is quarantined (<c>image-too-large</c>).</summary>
    public int MaxFramesPerUpload { get; init; } = 8;

    /// <summary>Frames one invocation (host batch) may de-identify; the uploads that would pass it are quarantined.</summary>
    public int MaxFramesPerInvocation { get; init; } = 64;

    /// <summary>CPU time the frames of one invocation may take together; uploads whose frames start after it are quarantined,
    /// so a batch of large frames cannot run into the host's function timeout.</summary>
    public TimeSpan MaxFrameTimePerInvocation { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Largest frame in pixels, read from the image header before anything is decoded (a decompression bomb
    /// declares huge dimensions in a few bytes).</summary>
    public long MaxPixels { get; init; } = 4096L * 4096;

    /// <summary>Frames de-identified at once in the process (each holds its decoded pixels: 64 MB at 4096x4096).</summary>
    public int MaxConcurrentFrames { get; init; } = 2;

    /// <summary>Throws when a bound is out of range (a configuration error, found at start-up).</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFramesPerUpload, 1, nameof(MaxFramesPerUpload));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFramesPerInvocation, 1, nameof(MaxFramesPerInvocation));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFrameTimePerInvocation, TimeSpan.FromSeconds(1), nameof(MaxFrameTimePerInvocation));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPixels, 64L * 64, nameof(MaxPixels));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentFrames, 1, nameof(MaxConcurrentFrames));
    }
}
