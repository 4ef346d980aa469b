using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Residency.Storage.Batches;

/// <summary>
/// The JSON of one quarantine entry: raw bytes (base64, exactly as received), reason, detail and source position.
/// Deterministic (no wall clock), so the same event always gives the same bytes.
/// </summary>
internal static class QuarantineDocument
{
    public static byte[] Write(QuarantineItem item, string partitionId, long sequenceNumber, string? offset, DateTimeOffset? enqueuedTimeUtc)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("reason", item.ReasonCode);
            writer.WriteString("detail", item.Detail);
            writer.WriteStartObject("source");
            writer.WriteString("partitionId", partitionId);
            writer.WriteNumber("sequenceNumber", sequenceNumber);
            WriteNullable(writer, "offset", offset);
            WriteNullable(writer, "enqueuedTimeUtc", enqueuedTimeUtc is { } enqueued ? Timestamp(enqueued) : null);
            writer.WriteEndObject();
            writer.WriteNumber("rawLength", item.RawBytes.Length);
            writer.WriteString("rawSha256", Sha256Hex(item.RawBytes.Span));
            writer.WriteBase64String("rawBase64", item.RawBytes.Span);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static string Sha256Hex(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>UTC, millisecond precision, sortable and tag-safe: <c>2026-11-22T08:15:30.123Z</c>.</summary>
    public static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
