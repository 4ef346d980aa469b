using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Residency.Storage.Clients;

namespace Residency.Storage.Batches;

/// <summary>
/// The vehicle index (docs/storage.md): an empty marker <c>{vehicleKey}/{yyyy-MM-dd}/{partition}</c> the first time
/// a vehicle is seen that day in that partition, created only if absent. Markers written are remembered in memory (as
/// 128-bit hashes, for the current and previous day only), so a vehicle costs one request per day and partition.
/// </summary>
internal sealed class VehicleIndex(BlobContainerClient index, StorageCalls calls)
{
    // Bounds the memory of one instance: about 50 bytes per entry.
    private const int MaxRemembered = 2_000_000;

    private readonly ConcurrentDictionary<DateOnly, ConcurrentDictionary<UInt128, byte>> _seen = new();
    private int _remembered;

    /// <summary>The markers of <paramref name="vehicleKeys"/> not known to exist yet.</summary>
    public IReadOnlyList<string> Missing(IEnumerable<string> vehicleKeys, DateOnly date, string partitionId)
    {
        var day = _seen.GetOrAdd(date, _ => new ConcurrentDictionary<UInt128, byte>());
        return vehicleKeys.Distinct(StringComparer.Ordinal)
            .Where(key => !day.ContainsKey(Hash(key, partitionId)))
            .Select(key => BlobLayout.MarkerName(key, date, partitionId))
            .ToList();
    }

    public async Task CreateAsync(string markerName, CancellationToken cancellationToken)
    {
        // The tag lets a lifecycle rule expire markers (never the heads beside them) once the data they point at is gone.
        var options = new BlobUploadOptions
        {
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            Tags = new Dictionary<string, string>(StringComparer.Ordinal) { ["category"] = "marker" },
        };
        try
        {
            await calls.RunAsync("create vehicle index marker", index.Name,
                ct => index.GetBlobClient(markerName).UploadAsync(BinaryData.Empty, options, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 409 && e.ErrorCode == BlobErrorCode.BlobAlreadyExists)
        {
            // Another batch or instance created it: the marker exists, which is all that matters.
        }

        Remember(markerName);
    }

    private void Remember(string markerName)
    {
        if (!BlobLayout.TryParseMarkerName(markerName, out var date, out var partitionId))
        {
            return;
        }

        var day = _seen.GetOrAdd(date, _ => new ConcurrentDictionary<UInt128, byte>());
        if (!day.TryAdd(Hash(markerName[..markerName.IndexOf('/', StringComparison.Ordinal)], partitionId), 0))
        {
            return;
        }

        if (Interlocked.Increment(ref _remembered) > MaxRemembered || _seen.Count > 2)
        {
            // Keep today and yesterday; forgetting only costs a create that finds the marker already there.
            foreach (var old in _seen.Keys.Where(d => d < date.AddDays(-1) || _remembered > MaxRemembered))
            {
                if (_seen.TryRemove(old, out var removed))
                {
                    Interlocked.Add(ref _remembered, -removed.Count);
                }
            }
        }
    }

    private static UInt128 Hash(string vehicleKey, string partitionId)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.ASCII.GetBytes(vehicleKey + "/" + partitionId), hash);
        return BinaryPrimitives.ReadUInt128BigEndian(hash);
    }
}
