using System.Globalization;
using Azure.Storage.Blobs.Models;

namespace Residency.Storage.Batches;

/// <summary>The upload options of a level blob: gzip NDJSON headers and the metadata that describes its content.</summary>
internal static class LevelBlobUpload
{
    public static BlobUploadOptions Options(LevelBlobContent content, IDictionary<string, string> tags, BlobRequestConditions conditions) => new()
    {
        HttpHeaders = new BlobHttpHeaders { ContentType = "application/x-ndjson", ContentEncoding = "gzip" },
        Metadata = Metadata(content),
        Tags = tags,
        Conditions = conditions,
    };

    public static Dictionary<string, string> Metadata(LevelBlobContent content) => new(StringComparer.Ordinal)
    {
        [LevelBlobMetadata.Sha256] = content.Sha256,
        [LevelBlobMetadata.Lines] = content.Lines.ToString(CultureInfo.InvariantCulture),
        [LevelBlobMetadata.Bloom] = content.Bloom.ToBase64(),
        [LevelBlobMetadata.BloomBits] = content.Bloom.BitCount.ToString(CultureInfo.InvariantCulture),
        [LevelBlobMetadata.BloomHashes] = content.Bloom.HashCount.ToString(CultureInfo.InvariantCulture),
    };
}
