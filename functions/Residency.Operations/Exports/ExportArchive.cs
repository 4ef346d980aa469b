using System.IO.Compression;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Residency.Operations.Exports;

/// <summary>
/// Streams one request's export as a zip (<c>manifest.json</c> and one <c>{level}.ndjson</c> per level) into a response
/// body: each blob is copied through as it downloads, never held whole in memory and never handed out as a link.
/// </summary>
public static class ExportArchive
{
    /// <summary>True when the request's export is (still) there; lifecycle deletes it after 7 days.</summary>
    public static async Task<bool> ExistsAsync(BlobContainerClient exports, string requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exports);
        try
        {
            return await exports.GetBlobClient(ExportContainer.Prefix(requestId) + ExportContainer.ManifestFile).ExistsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            return false;
        }
    }

    /// <summary>Writes the zip of the request's export to <paramref name="destination"/>; the manifest first.</summary>
    public static async Task WriteAsync(BlobContainerClient exports, string requestId, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exports);
        var prefix = ExportContainer.Prefix(requestId);
        var names = new List<string>();
        await foreach (var item in exports.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken).ConfigureAwait(false))
        {
            names.Add(item.Name);
        }

        names.Sort((a, b) => (a.EndsWith(ExportContainer.ManifestFile, StringComparison.Ordinal) ? 0 : 1, a).CompareTo((b.EndsWith(ExportContainer.ManifestFile, StringComparison.Ordinal) ? 0 : 1, b)));
        var archive = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        await using (archive.ConfigureAwait(false))
        {
            foreach (var name in names)
            {
                var entry = archive.CreateEntry(name[prefix.Length..], CompressionLevel.Optimal);
                var target = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using (target.ConfigureAwait(false))
                {
                    await exports.GetBlobClient(name).DownloadToAsync(target, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }
}
