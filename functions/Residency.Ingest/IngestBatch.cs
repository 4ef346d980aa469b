namespace Residency.Ingest;

/// <summary>The events of one invocation: all from one partition, in sequence order.</summary>
/// <param name="PartitionId">The Event Hubs partition the events came from.</param>
/// <param name="Events">The events, in the order they were delivered.</param>
/// <param name="RetryCount">How often the host has retried this batch (0 on first delivery), when known.</param>
public sealed record IngestBatch(string PartitionId, IReadOnlyList<IngestEvent> Events, int RetryCount = 0);
