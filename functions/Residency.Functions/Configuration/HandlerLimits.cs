namespace Residency.Functions.Configuration;

/// <summary>
/// What one handler process holds and waits for at most (docs/ingest.md, "Limits"): the largest request it reads, the
/// invocations and request bytes in flight at once, and the time storage may take per invocation.
/// </summary>
/// <param name="MaxRequestBytes">Larger requests are streamed into quarantine whole, never read into memory.</param>
/// <param name="MaxConcurrentInvocations">Invocations processed at once; more wait before their body is read.</param>
/// <param name="MaxInFlightBytes">Request bytes held at once (a request larger than this alone runs by itself).</param>
/// <param name="StorageNetworkTimeout">How long one storage attempt may wait for an answer.</param>
/// <param name="StorageBudget">How long all storage work of one invocation may take before it answers 500.</param>
internal sealed record HandlerLimits(
    long MaxRequestBytes, int MaxConcurrentInvocations, long MaxInFlightBytes, TimeSpan StorageNetworkTimeout, TimeSpan StorageBudget);
