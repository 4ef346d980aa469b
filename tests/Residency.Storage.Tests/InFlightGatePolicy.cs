using Azure.Core;
using Azure.Core.Pipeline;

namespace Residency.Storage.Tests;

/// <summary>
/// Counts requests in flight and records the highest count. It holds the first requests until <c>holdUntil</c>
/// are in flight at once (or a generous safety limit passes), so the bound is actually reached, not just not exceeded.
/// </summary>
internal sealed class InFlightGatePolicy(int holdUntil) : HttpPipelinePolicy
{
    private static readonly TimeSpan SafetyLimit = TimeSpan.FromSeconds(15);
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private int _max;
    private int _total;

    public int MaxInFlight => Volatile.Read(ref _max);

    public int Total => Volatile.Read(ref _total);

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Enter();
        try
        {
            await Task.WhenAny(_reached.Task, Task.Delay(SafetyLimit)).ConfigureAwait(false);
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Enter();
        try
        {
            _reached.Task.Wait(SafetyLimit);
            ProcessNext(message, pipeline);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private void Enter()
    {
        Interlocked.Increment(ref _total);
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, now, seen) != seen)
        {
        }

        if (now >= holdUntil)
        {
            _reached.TrySetResult();
        }
    }
}
