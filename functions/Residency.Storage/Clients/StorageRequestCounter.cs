using Azure.Core;
using Azure.Core.Pipeline;

namespace Residency.Storage;

/// <summary>
/// Counts storage requests (every attempt, as the service bills them) made inside a <see cref="Scope"/>, and in
/// total. Add it to the client with <see cref="ResidencyBlobClients"/>; an invocation opens a scope and reads its count.
/// </summary>
public sealed class StorageRequestCounter : HttpPipelineSynchronousPolicy
{
    private static readonly AsyncLocal<Tally?> Current = new();
    private long _total;

    /// <summary>Requests sent through this counter since it was created.</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>Starts counting the requests made by this async flow (and the flows it starts) until disposed.</summary>
    public static Scope BeginScope()
    {
        var outer = Current.Value;
        var tally = new Tally(outer);
        Current.Value = tally;
        return new Scope(tally, outer);
    }

    /// <inheritdoc />
    public override void OnSendingRequest(HttpMessage message)
    {
        Interlocked.Increment(ref _total);
        // Nested scopes count toward every scope around them.
        for (var tally = Current.Value; tally is not null; tally = tally.Outer)
        {
            Interlocked.Increment(ref tally.Count);
        }
    }

    /// <summary>The requests of one async flow.</summary>
    public sealed class Scope : IDisposable
    {
        private readonly Tally _tally;
        private readonly Tally? _outer;

        internal Scope(Tally tally, Tally? outer)
        {
            _tally = tally;
            _outer = outer;
        }

        /// <summary>Requests made in this scope so far.</summary>
        public long Count => Interlocked.Read(ref _tally.Count);

        /// <inheritdoc />
        public void Dispose() => Current.Value = _outer;
    }

    internal sealed class Tally(Tally? outer)
    {
        internal long Count;

        internal Tally? Outer { get; } = outer;
    }
}
