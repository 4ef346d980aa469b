using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Residency.Storage.Batches;
using Residency.Storage.Clients;
using Residency.Storage.Ledger;

namespace Residency.Storage.Subjects;

/// <summary>
/// Deletes one vehicle's data (a PIPL deletion request, docs/storage.md): every level blob holding its lines is
/// rewritten without them, conditional on the ETag it was read with (or removed when nothing else is left), earlier
/// versions that versioning kept are deleted, the vehicle's index markers are deleted, and a receipt goes to the
/// write-once audit container. Commit records are never touched. A replayed batch brings nothing back: the
/// partition heads skip every sequence number committed before.
/// </summary>
public sealed class VehicleDataEraser
{
    // A blob rewritten by a batch or another deletion between our read and write is read again, a few times at most.
    private const int MaxRewriteAttempts = 5;

    private readonly BlobServiceClient _service;
    private readonly StorageCalls _calls = new(maxConcurrency: 8);
    private readonly VehicleDataLocator _locator;
    private readonly TimeProvider _time;

    /// <summary>Creates the eraser on the residency account's client; <paramref name="time"/> stamps the receipts.</summary>
    public VehicleDataEraser(BlobServiceClient service, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        _service = service;
        _time = time ?? TimeProvider.System;
        _locator = new VehicleDataLocator(service);
    }

    /// <summary>
    /// Deletes the vehicle's lines, versions and markers and writes the receipt; returns it. <paramref name="requestedAt"/>
    /// is when the person asked (default now) and <paramref name="requestId"/> names the receipt (default a new id).
    /// </summary>
    public async Task<DeletionReceipt> DeleteAsync(
        string vehicleKey, IProgress<VehicleScanProgress>? progress = null, DateTimeOffset? requestedAt = null, string? requestId = null,
        CancellationToken cancellationToken = default)
    {
        BlobLayout.EnsureVehicleKey(vehicleKey);
        requestedAt ??= _time.GetUtcNow();
        requestId ??= BlobLayout.NewAttemptId();
        var matches = new List<(string Level, string Container, string Name)>();
        var scan = await _locator.ScanAsync(vehicleKey, (match, _) =>
        {
            matches.Add((match.Level, match.Container, match.Name));
            return Task.CompletedTask;
        }, progress, cancellationToken).ConfigureAwait(false);

        var erased = new List<ErasedBlob>();
        var versions = 0;
        foreach (var (level, container, name) in matches)
        {
            if (await RewriteWithoutAsync(level, container, name, vehicleKey, requestId, cancellationToken).ConfigureAwait(false) is { } blob)
            {
                erased.Add(blob);
            }

            versions += await DeleteEarlierVersionsAsync(container, name, cancellationToken).ConfigureAwait(false);
        }

        var index = _service.GetBlobContainerClient(ResidencyContainers.Index);
        foreach (var location in scan.Locations)
        {
            var marker = BlobLayout.MarkerName(vehicleKey, location.Date, location.PartitionId);
            await _calls.RunAsync("delete vehicle index marker", index.Name,
                ct => index.GetBlobClient(marker).DeleteIfExistsAsync(cancellationToken: ct), cancellationToken).ConfigureAwait(false);
        }

        var receipt = new DeletionReceipt(requestId, vehicleKey, requestedAt.Value, _time.GetUtcNow(), erased, scan.Locations.Count, versions);
        var audit = _service.GetBlobContainerClient(ResidencyContainers.Audit);
        var content = receipt.ToUtf8Json();
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            Metadata = new Dictionary<string, string>(StringComparer.Ordinal) { [LevelBlobMetadata.Sha256] = QuarantineDocument.Sha256Hex(content) },
            Tags = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["category"] = "deletion",
                ["request"] = requestId,
                ["date"] = ChinaDay.Format(ChinaDay.Of(receipt.CompletedAt)),
            },
        };
        await _calls.RunAsync("write deletion receipt", audit.Name,
            ct => audit.GetBlobClient(receipt.Name).UploadAsync(BinaryData.FromBytes(content), options, ct), cancellationToken).ConfigureAwait(false);
        return receipt;
    }

    private async Task<ErasedBlob?> RewriteWithoutAsync(
        string level, string containerName, string name, string vehicleKey, string requestId, CancellationToken cancellationToken)
    {
        var blob = _service.GetBlobContainerClient(containerName).GetBlobClient(name);
        for (var attempt = 1; ; attempt++)
        {
            Response<BlobDownloadResult> download;
            try
            {
                download = await _calls.RunAsync("read level blob", containerName,
                    ct => blob.DownloadContentAsync(ct), cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlobNotFound)
            {
                return null;
            }

            var content = download.Value.Content.ToMemory();
            var lines = LevelBlobReader.ReadLines(content);
            var removed = lines.Where(l => l.VehicleKey == vehicleKey).Select(l => l.SequenceNumber).ToList();
            if (removed.Count == 0)
            {
                return null;
            }

            var previousSha = QuarantineDocument.Sha256Hex(content.Span);
            var condition = new BlobRequestConditions { IfMatch = download.Value.Details.ETag };
            var kept = lines.Where(l => l.VehicleKey != vehicleKey).ToList();
            try
            {
                if (kept.Count == 0)
                {
                    await _calls.RunAsync("remove level blob", containerName,
                        ct => blob.DeleteAsync(DeleteSnapshotsOption.IncludeSnapshots, condition, ct), cancellationToken).ConfigureAwait(false);
                    return new ErasedBlob(containerName, name, previousSha, null, removed);
                }

                var tags = await _calls.RunAsync("read level blob tags", containerName,
                    ct => blob.GetTagsAsync(condition, ct), cancellationToken).ConfigureAwait(false);
                var rewritten = LevelBlobBuilder.Rebuild(level, kept);
                var options = LevelBlobUpload.Options(rewritten, tags.Value.Tags, condition);
                options.Metadata[ErasedBy] = requestId;
                await _calls.RunAsync("rewrite level blob", containerName,
                    ct => blob.UploadAsync(BinaryData.FromBytes(rewritten.Gzip), options, ct), cancellationToken).ConfigureAwait(false);
                return new ErasedBlob(containerName, name, previousSha, rewritten.Sha256, removed);
            }
            catch (RequestFailedException e) when (e.Status == 412 && attempt < MaxRewriteAttempts)
            {
                // Changed since we read it: read it again.
            }
        }
    }

    /// <summary>Metadata naming the deletion request that last rewrote a level blob.</summary>
    public const string ErasedBy = "erasedby";

    // Versioning keeps the content a rewrite replaced as a previous version: those hold the vehicle's lines too.
    private async Task<int> DeleteEarlierVersionsAsync(string containerName, string name, CancellationToken cancellationToken)
    {
        var container = _service.GetBlobContainerClient(containerName);
        var deleted = 0;
        await foreach (var item in _calls.ListAsync(container, name, BlobTraits.None, cancellationToken, BlobStates.Version).ConfigureAwait(false))
        {
            if (item.Name != name || item.VersionId is null || item.IsLatestVersion == true)
            {
                continue;
            }

            await _calls.RunAsync("delete earlier version", containerName,
                ct => container.GetBlobClient(name).WithVersion(item.VersionId).DeleteIfExistsAsync(cancellationToken: ct),
                cancellationToken).ConfigureAwait(false);
            deleted++;
        }

        return deleted;
    }
}
