namespace Residency.Storage.Batches;

/// <summary>Metadata names on batch blobs and quarantine entries (lowercase C# identifiers).</summary>
public static class LevelBlobMetadata
{
    /// <summary>Lowercase hex SHA-256 of the stored bytes (the gzip bytes of a level blob).</summary>
    public const string Sha256 = "sha256";

    /// <summary>How many NDJSON lines a level blob holds.</summary>
    public const string Lines = "lines";

    /// <summary>The Bloom filter of the blob's vehicle keys, base64.</summary>
    public const string Bloom = "bloom";

    /// <summary>The Bloom filter's size in bits (m).</summary>
    public const string BloomBits = "bloombits";

    /// <summary>The Bloom filter's number of hash functions (k).</summary>
    public const string BloomHashes = "bloomhashes";
}
