namespace Residency.Cli.Simulation.EventHubs;

/// <summary>One event to publish: body, partition key and application properties.</summary>
internal sealed record EventHubsMessage(ReadOnlyMemory<byte> Body, string? PartitionKey, IReadOnlyDictionary<string, string>? Properties);
