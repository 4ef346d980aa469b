namespace Residency.Storage;

/// <summary>One page of a listing; <see cref="NextMarker"/> continues it (null on the last page).</summary>
public sealed record BlobPage<T>(IReadOnlyList<T> Items, string? NextMarker);
