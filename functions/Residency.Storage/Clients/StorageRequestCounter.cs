using Azure.Core;
using Azure.Core.Pipeline;

namespace Residency.Storage.Clients;

/// <summary>
/// Counts storage requests, every attempt as the service bills them. Every client built by
/// <see cref="ResidencyBlobClients"/> counts into the <see cref="Scope"/> of the async flow that sends (an invocation
/// opens one and reads its count); add an instance of this policy to a client to also keep a running total.
/// </summary>
public sealed class StorageRequestCounter : HttpPipelineSynchronousPolicy
{
    private static readonly AsyncLocal<Tally?> Current = new();
    private long _total;

    /// <summary>The policy every residency client carries: it counts into the current scope only.</summary>
    internal static HttpPipelinePolicy ScopePolicy { get; } = new ScopeCounting();

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
    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _total);

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

    private sealed class ScopeCounting : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message)
        {
            // Nested scopes count toward every scope around them.
            for (var tally = Current.Value; tally is not null; tally = tally.Outer)
            {
                Interlocked.Increment(ref tally.Count);
            }
        }
    }
}
