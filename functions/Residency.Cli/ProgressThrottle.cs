namespace Residency.Cli;

/// <summary>Lets a progress line through at most once per interval (the first and the final ones always), on the context's clock.</summary>
internal sealed class ProgressThrottle(TimeProvider time, TimeSpan interval)
{
    private readonly Lock _gate = new();
    private long? _last;

    /// <summary>True when a line may be written now.</summary>
    public bool Due(bool final = false)
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            if (!final && _last is { } last && time.GetElapsedTime(last, now) < interval)
            {
                return false;
            }

            _last = now;
            return true;
        }
    }
}
