namespace Residency.Ingest;

/// <summary>One event as delivered by Event Hubs: its raw body and where it came from.</summary>
/// <param name="Body">The event body exactly as sent (possibly gzip).</param>
/// <param name="SequenceNumber">The event's sequence number in its partition.</param>
/// <param name="Offset">The event's offset, when the host supplied one.</param>
/// <param name="EnqueuedTimeUtc">When Event Hubs accepted the event, when known.</param>
/// <param name="PartitionKey">The partition key the sender used, when known.</param>
/// <param name="Properties">Application properties (e.g. <c>contentEncoding</c>), values as text.</param>
/// <param name="TransportError">
/// A reason code when the body could not even be taken out of the host's envelope (e.g. invalid base64);
/// such an event goes straight to quarantine with <see cref="Body"/> holding the text that was received.
/// </param>
public sealed record IngestEvent(
    ReadOnlyMemory<byte> Body,
    long SequenceNumber,
    string? Offset = null,
    DateTimeOffset? EnqueuedTimeUtc = null,
    string? PartitionKey = null,
    IReadOnlyDictionary<string, string>? Properties = null,
    string? TransportError = null);
