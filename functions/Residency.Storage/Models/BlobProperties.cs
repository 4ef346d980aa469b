using Azure;

namespace Residency.Storage;

/// <summary>A blob's system properties and user metadata.</summary>
public sealed record BlobProperties(
    long ContentLength,
    string? ContentType,
    ETag ETag,
    DateTimeOffset LastModified,
    IReadOnlyDictionary<string, string> Metadata,
    int TagCount);
