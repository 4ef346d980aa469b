namespace Residency.Ingest.Frames;

/// <summary>At most N callers inside at once, the rest wait (synchronous: frames are CPU work on the batch's threads).
/// A monitor rather than a semaphore, so the stage owns nothing to dispose.</summary>
internal sealed class ConcurrencyGate(int capacity)
{
    private readonly object _lock = new();
    private int _inside;

    public void Enter()
    {
        lock (_lock)
        {
            while (_inside >= capacity)
            {
                Monitor.Wait(_lock);
            }

            _inside++;
        }
    }

    public void Exit()
    {
        lock (_lock)
        {
            _inside--;
            Monitor.Pulse(_lock);
        }
    }
}
