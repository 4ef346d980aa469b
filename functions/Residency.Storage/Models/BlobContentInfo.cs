using Azure;

namespace Residency.Storage;

/// <summary>What Put Blob answers: the new blob's ETag and last-modified time.</summary>
public sealed record BlobContentInfo(ETag ETag, DateTimeOffset LastModified);
