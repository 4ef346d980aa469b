namespace Residency.Functions.Admission;

/// <summary>
/// Bounds what the handler holds at once: at most <c>maxInvocations</c> invocations, and request bodies of at most
/// <c>maxBytes</c> together (a request larger than that alone is admitted once nothing else is in flight). Waiters are
/// served in arrival order, so a large request is not starved by small ones. Requests wait before their body is read.
/// </summary>
internal sealed class InvocationAdmission(int maxInvocations, long maxBytes)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<Waiter> _queue = new();
    private int _invocations;
    private long _bytes;

    /// <summary>Bytes admitted and not yet released.</summary>
    public long BytesInFlight
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    /// <summary>Waits until the request fits, then holds its share until the ticket is disposed.</summary>
    public async Task<IDisposable> EnterAsync(long bytes, CancellationToken cancellationToken)
    {
        Waiter waiter;
        lock (_gate)
        {
            waiter = new Waiter(bytes);
            if (_queue.Count == 0 && Fits(bytes))
            {
                Take(bytes);
                return new Ticket(this, bytes);
            }

            waiter.Node = _queue.AddLast(waiter);
        }

        AdmissionMetrics.Refused(AdmissionMetrics.Queued);

        using (cancellationToken.Register(() => Cancel(waiter)))
        {
            await waiter.Admitted.Task.ConfigureAwait(false);
        }

        return new Ticket(this, bytes);
    }

    private bool Fits(long bytes) => _invocations < maxInvocations && (_bytes == 0 || _bytes + bytes <= maxBytes);

    private void Take(long bytes)
    {
        _invocations++;
        _bytes += bytes;
    }

    private void Release(long bytes)
    {
        List<Waiter> admitted = [];
        lock (_gate)
        {
            _invocations--;
            _bytes -= bytes;
            while (_queue.First is { } first && Fits(first.Value.Bytes))
            {
                _queue.RemoveFirst();
                first.Value.Node = null;
                Take(first.Value.Bytes);
                admitted.Add(first.Value);
            }
        }

        foreach (var waiter in admitted)
        {
            waiter.Admitted.TrySetResult();
        }
    }

    private void Cancel(Waiter waiter)
    {
        lock (_gate)
        {
            if (waiter.Node is null)
            {
                return; // admitted already: the caller releases it
            }

            _queue.Remove(waiter.Node);
            waiter.Node = null;
        }

        AdmissionMetrics.Refused(AdmissionMetrics.Abandoned);
        waiter.Admitted.TrySetCanceled();
    }

    private sealed class Waiter(long bytes)
    {
        public long Bytes { get; } = bytes;

        public TaskCompletionSource Admitted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node { get; set; }
    }

    private sealed class Ticket(InvocationAdmission admission, long bytes) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                admission.Release(bytes);
            }
        }
    }
}
