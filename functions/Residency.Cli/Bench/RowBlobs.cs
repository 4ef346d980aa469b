using Azure.Storage.Blobs;
using Residency.Storage;

namespace Residency.Cli.Bench;

/// <summary>One stored blob of a row: where it is and how big.</summary>
internal sealed record StoredBlob(string Container, string Name, long Length);

/// <summary>
/// The blobs a row left in the residency containers (levels, quarantine, audit, index), without those of the
/// warm-up partition, sorted into what the cost model counts: batch blobs, quarantine entries, index markers, heads.
/// </summary>
internal sealed class RowBlobs
{
    private RowBlobs(IReadOnlyList<StoredBlob> blobs) => Blobs = blobs;

    public IReadOnlyList<StoredBlob> Blobs { get; }

    public int Markers => Blobs.Count(b => b.Container == ResidencyContainers.Index && !IsHead(b.Name));

    public int Quarantined => Blobs.Count(b => b.Container == ResidencyContainers.Quarantine);

    public long Bytes => Blobs.Sum(b => b.Length);

    public static async Task<RowBlobs> ListAsync(BlobServiceClient service, string excludedPartition, CancellationToken cancellationToken)
    {
        var blobs = new List<StoredBlob>();
        foreach (var container in ResidencyContainers.All)
        {
            await foreach (var item in service.GetBlobContainerClient(container).GetBlobsAsync(cancellationToken: cancellationToken))
            {
                if (PartitionOf(container, item.Name) != excludedPartition)
                {
                    blobs.Add(new StoredBlob(container, item.Name, item.Properties.ContentLength ?? 0));
                }
            }
        }

        return new RowBlobs(blobs);
    }

    private static bool IsHead(string name) => name.StartsWith(BlobLayout.HeadsRoot, StringComparison.Ordinal);

    // Every name of the layout carries its partition (docs/storage.md); null for names that carry none (receipts).
    private static string? PartitionOf(string container, string name)
    {
        var parts = name.Split('/');
        switch (container)
        {
            case ResidencyContainers.Quarantine:
                return parts[0];
            case ResidencyContainers.Audit:
                return name.StartsWith(BlobLayout.CommitsRoot, StringComparison.Ordinal) && parts.Length > 1 ? parts[1] : null;
            case ResidencyContainers.Index when IsHead(name):
                return Path.GetFileNameWithoutExtension(name);
            case ResidencyContainers.Index:
                return BlobLayout.TryParseMarkerName(name, out _, out var markerPartition) ? markerPartition : null;
            default:
                return BlobLayout.TryParseLevelBlobName(name, out var level) ? level.PartitionId : null;
        }
    }
}
