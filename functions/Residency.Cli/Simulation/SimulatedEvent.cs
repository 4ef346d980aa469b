namespace Residency.Cli.Simulation;

/// <summary>One generated device event, as a vehicle would send it.</summary>
/// <param name="Body">The body bytes (JSON, gzip or deliberately malformed).</param>
/// <param name="PartitionKey">The pseudonymous vehicle key used as Event Hubs partition key (never the VIN).</param>
/// <param name="Properties">Application properties (e.g. contentEncoding).</param>
/// <param name="Kind">The upload kind.</param>
/// <param name="Malformation">Which defect was injected, or null for a valid upload.</param>
internal sealed record SimulatedEvent(
    byte[] Body,
    string PartitionKey,
    IReadOnlyDictionary<string, string> Properties,
    string Kind,
    string? Malformation)
{
    public bool IsGzip => Body.Length >= 2 && Body[0] == 0x1f && Body[1] == 0x8b;
}
