using System.Buffers;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Residency.Storage.Batches;
using Residency.Storage.Clients;
using Residency.Storage.Ledger;

namespace Residency.Storage.Audit;

/// <summary>One orphan deleted: where it was and what it held (its SHA-256, when its metadata said).</summary>
public sealed record DeletedOrphan(string Container, string Name, string? Sha256);

/// <summary>The receipt of one orphan clean-up (residency-orphans/1), written once to the audit container.</summary>
public sealed record OrphanReceipt(string RunId, DateTimeOffset CompletedAt, IReadOnlyList<DeletedOrphan> Deleted)
{
    /// <summary>The schema id written into every receipt.</summary>
    public const string Schema = "residency-orphans/1";

    /// <summary>The receipt's name in the audit container.</summary>
    public string Name => BlobLayout.OrphanReceiptName(ChinaDay.Of(CompletedAt), RunId);

    /// <summary>The receipt as compact UTF-8 JSON.</summary>
    public byte[] ToUtf8Json()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("schema", Schema);
            writer.WriteString("run", RunId);
            writer.WriteString("completedAt", QuarantineDocument.Timestamp(CompletedAt));
            writer.WriteStartArray("deleted");
            foreach (var orphan in Deleted)
            {
                writer.WriteStartObject();
                writer.WriteString("container", orphan.Container);
                writer.WriteString("name", orphan.Name);
                writer.WriteString("sha256", orphan.Sha256);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}

/// <summary>Deletes orphan blobs that a verification found, and records what it deleted.</summary>
public sealed class OrphanRemover(BlobServiceClient service, TimeProvider? time = null)
{
    private readonly StorageCalls _calls = new(maxConcurrency: 8);

    /// <summary>Deletes each blob (gone already counts as deleted) and writes the receipt; returns it.</summary>
    public async Task<OrphanReceipt> DeleteAsync(IReadOnlyList<BlobReference> orphans, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(orphans);
        var deleted = new List<DeletedOrphan>();
        foreach (var orphan in orphans)
        {
            var blob = service.GetBlobContainerClient(orphan.Container).GetBlobClient(orphan.Name);
            string? sha256 = null;
            try
            {
                var properties = await _calls.RunAsync("read orphan properties", orphan.Container, ct => blob.GetPropertiesAsync(cancellationToken: ct), cancellationToken)
                    .ConfigureAwait(false);
                sha256 = properties.Value.Metadata.TryGetValue(LevelBlobMetadata.Sha256, out var value) ? value : null;
            }
            catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlobNotFound)
            {
            }

            await _calls.RunAsync("delete orphan", orphan.Container,
                ct => blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: ct), cancellationToken).ConfigureAwait(false);
            deleted.Add(new DeletedOrphan(orphan.Container, orphan.Name, sha256));
        }

        var receipt = new OrphanReceipt(BlobLayout.NewAttemptId(), (time ?? TimeProvider.System).GetUtcNow(), deleted);
        var audit = service.GetBlobContainerClient(ResidencyContainers.Audit);
        var content = receipt.ToUtf8Json();
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            Metadata = new Dictionary<string, string>(StringComparer.Ordinal) { [LevelBlobMetadata.Sha256] = QuarantineDocument.Sha256Hex(content) },
            Tags = new Dictionary<string, string>(StringComparer.Ordinal) { ["category"] = "orphans", ["date"] = ChinaDay.Format(ChinaDay.Of(receipt.CompletedAt)) },
        };
        await _calls.RunAsync("write orphan receipt", audit.Name,
            ct => audit.GetBlobClient(receipt.Name).UploadAsync(BinaryData.FromBytes(content), options, ct), cancellationToken).ConfigureAwait(false);
        return receipt;
    }
}
