using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Residency.Storage.Batches;
using Residency.Storage.Ledger;

namespace Residency.Storage.Subjects;

/// <summary>One blob a deletion touched: its SHA-256 before and after (null when the blob was removed) and the lines removed.</summary>
public sealed record ErasedBlob(string Container, string Name, string PreviousSha256, string? Sha256, IReadOnlyList<long> SequenceNumbers);

/// <summary>
/// The receipt of one deletion request, written once to the audit container: when it was asked and done, the blobs it
/// rewrote or removed, and counts. It holds the vehicle key (the pseudonym), never the VIN. <c>audit verify</c>
/// follows receipts to accept a rewritten blob whose hash no longer matches its commit record.
/// </summary>
public sealed record DeletionReceipt(
    string RequestId, string VehicleKey, DateTimeOffset RequestedAt, DateTimeOffset CompletedAt,
    IReadOnlyList<ErasedBlob> Blobs, int MarkersDeleted, int VersionsDeleted)
{
    /// <summary>The schema id written into every receipt.</summary>
    public const string Schema = "residency-deletion/1";

    /// <summary>The receipt's name in the audit container.</summary>
    public string Name => BlobLayout.ReceiptName(ChinaDay.Of(CompletedAt), RequestId);

    /// <summary>The receipt as compact UTF-8 JSON.</summary>
    public byte[] ToUtf8Json()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("schema", Schema);
            writer.WriteString("requestId", RequestId);
            writer.WriteString("vehicleKey", VehicleKey);
            writer.WriteString("requestedAt", QuarantineDocument.Timestamp(RequestedAt));
            writer.WriteString("completedAt", QuarantineDocument.Timestamp(CompletedAt));
            writer.WriteNumber("markersDeleted", MarkersDeleted);
            writer.WriteNumber("versionsDeleted", VersionsDeleted);
            writer.WriteStartArray("blobs");
            foreach (var blob in Blobs)
            {
                writer.WriteStartObject();
                writer.WriteString("container", blob.Container);
                writer.WriteString("name", blob.Name);
                writer.WriteString("previousSha256", blob.PreviousSha256);
                if (blob.Sha256 is null)
                {
                    writer.WriteNull("sha256");
                }
                else
                {
                    writer.WriteString("sha256", blob.Sha256);
                }

                writer.WriteStartArray("sequenceNumbers");
                foreach (var sequence in blob.SequenceNumbers)
                {
                    writer.WriteNumberValue(sequence);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a receipt written by <see cref="ToUtf8Json"/>; throws <see cref="FormatException"/> when it is not one.</summary>
    public static DeletionReceipt Read(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8Json.ToArray());
            var root = document.RootElement;
            if (root.GetProperty("schema").GetString() != Schema)
            {
                throw new FormatException($"Not a {Schema} document.");
            }

            var blobs = root.GetProperty("blobs").EnumerateArray().Select(b => new ErasedBlob(
                b.GetProperty("container").GetString()!,
                b.GetProperty("name").GetString()!,
                b.GetProperty("previousSha256").GetString()!,
                b.GetProperty("sha256").GetString(),
                b.GetProperty("sequenceNumbers").EnumerateArray().Select(s => s.GetInt64()).ToList())).ToList();
            return new DeletionReceipt(
                root.GetProperty("requestId").GetString()!,
                root.GetProperty("vehicleKey").GetString()!,
                DateTimeOffset.Parse(root.GetProperty("requestedAt").GetString()!, CultureInfo.InvariantCulture),
                DateTimeOffset.Parse(root.GetProperty("completedAt").GetString()!, CultureInfo.InvariantCulture),
                blobs,
                root.GetProperty("markersDeleted").GetInt32(),
                root.GetProperty("versionsDeleted").GetInt32());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"Not a well-formed {Schema} document.", e);
        }
    }
}
