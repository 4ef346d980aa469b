using System.Buffers;
using System.Text.Json;
using Residency.Storage.Batches;
using Residency.Storage.Ledger;

namespace Residency.Storage.Subjects;

/// <summary>One file of an access export: the level, its line count and the SHA-256 of its bytes.</summary>
public sealed record ExportedFile(string Level, long Lines, string Sha256);

/// <summary>
/// The receipt of one access (copy) request, written once to the audit container under the China Standard Time day
/// it was completed (<c>accesses/{yyyy}/{MM}/{dd}/{requestId}.json</c>, residency-access/1): when it was asked and
/// done, and what the export held. It names the vehicle key (the pseudonym), never the VIN, and holds no line.
/// </summary>
public sealed record AccessReceipt(
    string RequestId, string VehicleKey, DateTimeOffset RequestedAt, DateTimeOffset CompletedAt, IReadOnlyList<ExportedFile> Files)
{
    /// <summary>The schema id written into every receipt.</summary>
    public const string Schema = "residency-access/1";

    /// <summary>The receipt's name in the audit container.</summary>
    public string Name => BlobLayout.AccessReceiptName(ChinaDay.Of(CompletedAt), RequestId);

    /// <summary>The lines exported.</summary>
    public long Lines => Files.Sum(f => f.Lines);

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
            writer.WriteNumber("lines", Lines);
            writer.WriteStartArray("files");
            foreach (var file in Files)
            {
                writer.WriteStartObject();
                writer.WriteString("level", file.Level);
                writer.WriteNumber("lines", file.Lines);
                writer.WriteString("sha256", file.Sha256);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a receipt written by <see cref="ToUtf8Json"/>; throws <see cref="FormatException"/> when it is not one.</summary>
    public static AccessReceipt Read(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8Json);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.GetProperty("schema").GetString() != Schema)
            {
                throw new FormatException($"Not a {Schema} document.");
            }

            return new AccessReceipt(
                root.GetProperty("requestId").GetString()!,
                root.GetProperty("vehicleKey").GetString()!,
                root.GetProperty("requestedAt").GetDateTimeOffset(),
                root.GetProperty("completedAt").GetDateTimeOffset(),
                root.GetProperty("files").EnumerateArray()
                    .Select(f => new ExportedFile(f.GetProperty("level").GetString()!, f.GetProperty("lines").GetInt64(), f.GetProperty("sha256").GetString()!))
                    .ToList());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"Not a well-formed {Schema} document.", e);
        }
    }
}
