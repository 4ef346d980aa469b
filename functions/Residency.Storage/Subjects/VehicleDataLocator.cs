using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Residency.Storage.Batches;
using Residency.Storage.Clients;
using Residency.Storage.Sketches;

namespace Residency.Storage.Subjects;

/// <summary>
/// Finds one vehicle's lines (docs/storage.md): index markers give the days and partitions, the level blobs of
/// those days and partitions are listed with their metadata, the Bloom filter rules most of them out without a
/// download, and the rest are read line by line. A blob without a readable filter is read (fail open).
/// </summary>
public sealed class VehicleDataLocator
{
    private readonly BlobServiceClient _service;
    private readonly StorageCalls _calls = new(maxConcurrency: 8);

    /// <summary>Creates the locator on the residency account's client.</summary>
    public VehicleDataLocator(BlobServiceClient service)
    {
        ArgumentNullException.ThrowIfNull(service);
        _service = service;
    }

    /// <summary>The days and partitions the index holds for the vehicle, oldest first.</summary>
    public async Task<IReadOnlyList<VehicleLocation>> LocationsAsync(string vehicleKey, CancellationToken cancellationToken = default)
    {
        var index = _service.GetBlobContainerClient(ResidencyContainers.Index);
        var locations = new List<VehicleLocation>();
        await foreach (var item in _calls.ListAsync(index, BlobLayout.MarkerPrefix(vehicleKey), BlobTraits.None, cancellationToken).ConfigureAwait(false))
        {
            if (BlobLayout.TryParseMarkerName(item.Name, out var date, out var partitionId))
            {
                locations.Add(new VehicleLocation(date, partitionId));
            }
        }

        return locations;
    }

    /// <summary>
    /// Calls <paramref name="onMatch"/> for every level blob holding lines of the vehicle, one blob at a time (so memory
    /// holds one blob), and reports progress per blob.
    /// </summary>
    public async Task<VehicleScan> ScanAsync(
        string vehicleKey, Func<VehicleBlobMatch, CancellationToken, Task> onMatch,
        IProgress<VehicleScanProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onMatch);
        var locations = await LocationsAsync(vehicleKey, cancellationToken).ConfigureAwait(false);
        var candidates = new List<(string Level, BlobContainerClient Container, BlobItem Item)>();
        var listed = 0;
        foreach (var location in locations)
        {
            foreach (var level in ResidencyContainers.LevelNames)
            {
                var container = _service.GetBlobContainerClient(ResidencyContainers.ForLevel(level));
                var prefix = BlobLayout.LevelBlobPrefix(location.Date, location.PartitionId);
                await foreach (var item in _calls.ListAsync(container, prefix, BlobTraits.Metadata, cancellationToken).ConfigureAwait(false))
                {
                    listed++;
                    if (MayHold(item, vehicleKey))
                    {
                        candidates.Add((level, container, item));
                    }
                }
            }
        }

        var matched = 0;
        long lines = 0;
        for (var i = 0; i < candidates.Count; i++)
        {
            var (level, container, item) = candidates[i];
            var blob = container.GetBlobClient(item.Name);
            var download = await _calls.RunAsync("read level blob", container.Name,
                ct => blob.DownloadContentAsync(ct), cancellationToken).ConfigureAwait(false);
            var content = download.Value.Content.ToMemory();
            var all = LevelBlobReader.ReadLines(content);
            var mine = all.Where(l => l.VehicleKey == vehicleKey).ToList();
            if (mine.Count > 0)
            {
                matched++;
                lines += mine.Count;
                await onMatch(new VehicleBlobMatch(level, container.Name, item.Name, download.Value.Details.ETag,
                    QuarantineDocument.Sha256Hex(content.Span), all, mine), cancellationToken).ConfigureAwait(false);
            }

            progress?.Report(new VehicleScanProgress(i + 1, candidates.Count, matched));
        }

        return new VehicleScan(vehicleKey, locations, listed, listed - candidates.Count, matched, lines);
    }

    private static bool MayHold(BlobItem item, string vehicleKey)
    {
        var metadata = item.Metadata ?? new Dictionary<string, string>();
        return !BloomFilter.TryRead(
                   metadata.TryGetValue(LevelBlobMetadata.Bloom, out var bits) ? bits : null,
                   metadata.TryGetValue(LevelBlobMetadata.BloomBits, out var bitCount) ? bitCount : null,
                   metadata.TryGetValue(LevelBlobMetadata.BloomHashes, out var hashCount) ? hashCount : null,
                   out var bloom)
               || bloom.MayContain(vehicleKey);
    }
}
