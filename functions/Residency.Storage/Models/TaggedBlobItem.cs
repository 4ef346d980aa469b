namespace Residency.Storage;

/// <summary>One entry of a Find Blobs by Tags answer: where the blob is and the tags that matched.</summary>
public sealed record TaggedBlobItem(string ContainerName, string Name, IReadOnlyDictionary<string, string> Tags);
