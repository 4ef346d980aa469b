using System.Globalization;

namespace Residency.Ingest.Frames;

/// <summary>What the frames of one invocation may still use (count and CPU time); shared by the batch's parallel events.</summary>
public sealed class FrameBudget(FrameStageOptions options)
{
    private int _frames;
    private long _elapsedTicks;

    /// <summary>Takes room for <paramref name="frames"/> more frames; null when granted, else why not (safe to log).</summary>
    public string? TryTake(int frames)
    {
        if (TimeSpan.FromTicks(Interlocked.Read(ref _elapsedTicks)) >= options.MaxFrameTimePerInvocation)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"the invocation's frames already took {options.MaxFrameTimePerInvocation.TotalSeconds:F0} s, its limit");
        }

        if (Interlocked.Add(ref _frames, frames) > options.MaxFramesPerInvocation)
        {
            Interlocked.Add(ref _frames, -frames);
            return string.Create(CultureInfo.InvariantCulture, $"the invocation already de-identified {options.MaxFramesPerInvocation} frames, its limit");
        }

        return null;
    }

    /// <summary>Counts the time a frame took.</summary>
    public void Spend(TimeSpan elapsed) => Interlocked.Add(ref _elapsedTicks, elapsed.Ticks);
}
