namespace Residency.Storage;

/// <summary>What travels with a Put Blob besides the content.</summary>
public sealed class BlobUploadOptions
{
    /// <summary>The blob's content type; <c>application/octet-stream</c> when not set.</summary>
    public string? ContentType { get; init; }

    /// <summary>User metadata (names are C# identifiers, values ASCII).</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Blob index tags (at most 10; values limited to the tag character set, see <see cref="BlobTags"/>).</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>Send <c>If-None-Match: *</c>: create only, a 409 <c>BlobAlreadyExists</c> when the name is taken.</summary>
    public bool OnlyIfNotExists { get; init; }
}
