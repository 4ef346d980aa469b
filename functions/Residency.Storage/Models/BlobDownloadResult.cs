namespace Residency.Storage;

/// <summary>A downloaded blob: content, properties and its index tags.</summary>
public sealed record BlobDownloadResult(BinaryData Content, BlobProperties Properties, IReadOnlyDictionary<string, string> Tags);
