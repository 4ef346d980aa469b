using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Residency.Storage.Subjects;

namespace Residency.Operations.Exports;

/// <summary>
/// An access export written to <c>vehicle-exports/{request id}/</c> with the same file names as the CLI's folder
/// (<c>{level}.ndjson</c>, <c>manifest.json</c>): each level is streamed into its blob as the exporter writes it.
/// </summary>
public sealed class BlobExportTarget(BlobContainerClient exports, string requestId) : IExportTarget
{
    /// <inheritdoc />
    public async Task<Stream> OpenLevelAsync(string level, CancellationToken cancellationToken) =>
        await exports.GetBlockBlobClient(ExportContainer.Prefix(requestId) + level + ".ndjson")
            .OpenWriteAsync(overwrite: true, new BlockBlobOpenWriteOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/x-ndjson" } }, cancellationToken)
            .ConfigureAwait(false);

    /// <inheritdoc />
    public Task WriteManifestAsync(ReadOnlyMemory<byte> manifest, CancellationToken cancellationToken) =>
        exports.GetBlobClient(ExportContainer.Prefix(requestId) + ExportContainer.ManifestFile).UploadAsync(
            BinaryData.FromBytes(manifest), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } }, cancellationToken);
}
