namespace Residency.Cli.Simulation.Local;

/// <summary>An enqueue time that starts at a given instant and moves on a fixed step per event (thread-safe).</summary>
internal sealed class EnqueueClock(DateTimeOffset start, TimeSpan step)
{
    private long _events = -1;

    /// <summary>The next event's enqueue time.</summary>
    public DateTimeOffset Next() => start + (step * Interlocked.Increment(ref _events));
}
