namespace Residency.Storage;

/// <summary>One entry of a List Blobs answer.</summary>
public sealed record BlobItem(string Name, BlobProperties Properties);
