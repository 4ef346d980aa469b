using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Residency.Storage.Clients;

namespace Residency.Storage.Batches;

/// <summary>
/// Reads and conditionally replaces partition heads, caching each with its ETag so a steady partition costs no read.
/// A failed or refused replacement drops the cached head: the next read fetches it again.
/// </summary>
internal sealed class PartitionHeads(BlobContainerClient index, StorageCalls calls)
{
    private readonly ConcurrentDictionary<string, PartitionHead> _cache = new(StringComparer.Ordinal);

    public async Task<PartitionHead> GetAsync(string partitionId, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(partitionId, out var cached))
        {
            return cached;
        }

        var head = await ReadAsync(partitionId, cancellationToken).ConfigureAwait(false);
        _cache[partitionId] = head;
        return head;
    }

    public async Task<PartitionHead> ReadAsync(string partitionId, CancellationToken cancellationToken)
    {
        var blob = index.GetBlobClient(BlobLayout.HeadName(partitionId));
        try
        {
            var download = await calls.RunAsync("read partition head", index.Name,
                ct => blob.DownloadContentAsync(ct), cancellationToken).ConfigureAwait(false);
            var head = PartitionHead.Read(download.Value.Content.ToMemory().Span, download.Value.Details.ETag);
            return head.PartitionId == partitionId
                ? head
                : throw new FormatException("A partition head names another partition.");
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlobNotFound)
        {
            return PartitionHead.Empty(partitionId);
        }
    }

    /// <summary>Replaces <paramref name="current"/> by <paramref name="next"/> only if nobody replaced it meanwhile.</summary>
    public async Task<PartitionHead?> TryReplaceAsync(PartitionHead current, PartitionHead next, CancellationToken cancellationToken)
    {
        var blob = index.GetBlobClient(BlobLayout.HeadName(current.PartitionId));
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            Conditions = current.ETag is { } etag ? new BlobRequestConditions { IfMatch = etag } : new BlobRequestConditions { IfNoneMatch = ETag.All },
        };
        try
        {
            var response = await calls.RunAsync("replace partition head", index.Name,
                ct => blob.UploadAsync(BinaryData.FromBytes(next.ToUtf8Json()), options, ct), cancellationToken).ConfigureAwait(false);
            var written = next with { ETag = response.Value.ETag };
            _cache[current.PartitionId] = written;
            return written;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            Forget(current.PartitionId);
            return null;
        }
        catch
        {
            // The outcome is unknown (the write may have landed): read the head again next time.
            Forget(current.PartitionId);
            throw;
        }
    }

    public void Forget(string partitionId) => _cache.TryRemove(partitionId, out _);
}
