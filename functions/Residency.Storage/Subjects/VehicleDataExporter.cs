using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Residency.Storage.Batches;
using Residency.Storage.Clients;
using Residency.Storage.Ledger;

namespace Residency.Storage.Subjects;

/// <summary>
/// Answers an access (copy) request: finds the vehicle's lines through the index and the Bloom filters
/// (<see cref="VehicleDataLocator"/>), writes them as stored, one NDJSON file per level, plus <c>manifest.json</c>
/// (residency-export/1: the files with their SHA-256, the days and partitions, the source blobs) to an
/// <see cref="IExportTarget"/>, and writes a receipt to the audit container. The lines are the subject's own data
/// (the personal lines carry the VIN): they go to the target only, never to a log.
/// </summary>
public sealed class VehicleDataExporter(BlobServiceClient service, TimeProvider? time = null)
{
    private readonly StorageCalls _calls = new(maxConcurrency: 8);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Exports the vehicle's lines and writes the receipt; <paramref name="onBlob"/> hears of each blob that held some (names and counts only).</summary>
    public async Task<(VehicleScan Scan, AccessReceipt Receipt)> ExportAsync(
        string vehicleKey, IExportTarget target, DateTimeOffset? requestedAt = null, string? requestId = null,
        Action<VehicleBlobMatch>? onBlob = null, IProgress<VehicleScanProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        BlobLayout.EnsureVehicleKey(vehicleKey);
        requestedAt ??= _time.GetUtcNow();
        requestId ??= BlobLayout.NewAttemptId();
        var files = new Dictionary<string, (Stream Stream, IncrementalHash Hash, long Lines)>(StringComparer.Ordinal);
        var blobs = new List<VehicleBlobMatch>();
        try
        {
            var scan = await new VehicleDataLocator(service).ScanAsync(vehicleKey, async (match, ct) =>
            {
                onBlob?.Invoke(match);
                if (!files.TryGetValue(match.Level, out var file))
                {
                    file = (await target.OpenLevelAsync(match.Level, ct).ConfigureAwait(false), IncrementalHash.CreateHash(HashAlgorithmName.SHA256), 0);
                }

                foreach (var line in match.VehicleLines)
                {
                    await file.Stream.WriteAsync(line.Json, ct).ConfigureAwait(false);
                    file.Stream.WriteByte((byte)'\n');
                    file.Hash.AppendData(line.Json.Span);
                    file.Hash.AppendData("\n"u8);
                }

                files[match.Level] = (file.Stream, file.Hash, file.Lines + match.VehicleLines.Count);
                blobs.Add(match);
            }, progress, cancellationToken).ConfigureAwait(false);

            var exported = new List<ExportedFile>();
            foreach (var level in ResidencyContainers.LevelNames.Where(files.ContainsKey))
            {
                var (stream, hash, lines) = files[level];
                await stream.DisposeAsync().ConfigureAwait(false);
                exported.Add(new ExportedFile(level, lines, Convert.ToHexStringLower(hash.GetHashAndReset())));
            }

            var receipt = new AccessReceipt(requestId, vehicleKey, requestedAt.Value, _time.GetUtcNow(), exported);
            await target.WriteManifestAsync(Manifest(receipt, scan, blobs), cancellationToken).ConfigureAwait(false);
            await WriteReceiptAsync(receipt, cancellationToken).ConfigureAwait(false);
            return (scan, receipt);
        }
        finally
        {
            foreach (var (stream, hash, _) in files.Values)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
                hash.Dispose();
            }
        }
    }

    private static byte[] Manifest(AccessReceipt receipt, VehicleScan scan, List<VehicleBlobMatch> blobs)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("schema", "residency-export/1");
            writer.WriteString("requestId", receipt.RequestId);
            writer.WriteString("vehicleKey", receipt.VehicleKey);
            writer.WriteString("exportedAt", QuarantineDocument.Timestamp(receipt.CompletedAt));
            writer.WriteStartArray("files");
            foreach (var file in receipt.Files)
            {
                writer.WriteStartObject();
                writer.WriteString("level", file.Level);
                writer.WriteString("file", file.Level + ".ndjson");
                writer.WriteNumber("lines", file.Lines);
                writer.WriteString("sha256", file.Sha256);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("locations");
            foreach (var location in scan.Locations)
            {
                writer.WriteStartObject();
                writer.WriteString("date", ChinaDay.Format(location.Date));
                writer.WriteString("partition", location.PartitionId);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("blobs");
            foreach (var blob in blobs)
            {
                writer.WriteStartObject();
                writer.WriteString("container", blob.Container);
                writer.WriteString("name", blob.Name);
                writer.WriteString("sha256", blob.Sha256);
                writer.WriteNumber("lines", blob.VehicleLines.Count);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private async Task WriteReceiptAsync(AccessReceipt receipt, CancellationToken cancellationToken)
    {
        var audit = service.GetBlobContainerClient(ResidencyContainers.Audit);
        var content = receipt.ToUtf8Json();
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            Metadata = new Dictionary<string, string>(StringComparer.Ordinal) { [LevelBlobMetadata.Sha256] = QuarantineDocument.Sha256Hex(content) },
            Tags = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["category"] = "access",
                ["request"] = receipt.RequestId,
                ["date"] = ChinaDay.Format(ChinaDay.Of(receipt.CompletedAt)),
            },
        };
        await _calls.RunAsync("write access receipt", audit.Name,
            ct => audit.GetBlobClient(receipt.Name).UploadAsync(BinaryData.FromBytes(content), options, ct), cancellationToken).ConfigureAwait(false);
    }
}
