namespace Residency.Classification;

/// <summary>
/// One level's share of an upload: a JSON document with that level's fields (transformed), plus messageId,
/// vehicleKey and capturedAt. Category is the dominant category label of the fragment (tag-safe: [a-z0-9-]).
/// </summary>
public sealed record ClassifiedFragment(DataLevel Level, string Category, ReadOnlyMemory<byte> Json);
