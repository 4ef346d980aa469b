using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Residency.Storage;

/// <summary>The JSON written for quarantine entries and audit records: deterministic (no wall clock, sorted keys).</summary>
internal static class ResidencyDocuments
{
    public static byte[] Quarantine(QuarantineItem item)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            writer.WriteStartObject();
            writer.WriteString("reason", item.ReasonCode);
            writer.WriteString("detail", item.Detail);
            writer.WriteStartObject("source");
            writer.WriteString("partitionId", item.Source.PartitionId);
            writer.WriteNumber("sequenceNumber", item.Source.SequenceNumber);
            WriteNullableString(writer, "offset", item.Source.Offset);
            WriteNullableString(writer, "enqueuedTimeUtc", item.Source.EnqueuedTimeUtc is { } enqueued ? Timestamp(enqueued) : null);
            writer.WriteEndObject();
            if (item.VehicleKey is not null)
            {
                writer.WriteString("vehicleKey", item.VehicleKey);
            }

            writer.WriteNumber("rawLength", item.RawBytes.Length);
            writer.WriteString("rawSha256", Sha256Hex(item.RawBytes.Span));
            writer.WriteBase64String("rawBase64", item.RawBytes.Span);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Audit(AuditRecord record, string region)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            writer.WriteStartObject();
            writer.WriteString("partitionId", record.PartitionId);
            writer.WriteNumber("firstSequenceNumber", record.FirstSequenceNumber);
            writer.WriteNumber("lastSequenceNumber", record.LastSequenceNumber);
            WriteCounts(writer, "countsByLevel", record.CountsByLevel);
            WriteCounts(writer, "countsByOutcome", record.CountsByOutcome);
            writer.WriteString("policySha256", record.PolicySha256);
            writer.WriteString("region", region);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static string Sha256Hex(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>UTC, millisecond precision, sortable and tag-safe: <c>2026-11-22T08:15:30.123Z</c>.</summary>
    public static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static void WriteCounts(Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, int>? counts)
    {
        writer.WriteStartObject(name);
        foreach (var (key, value) in (counts ?? new Dictionary<string, int>()).OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            writer.WriteNumber(key, value);
        }

        writer.WriteEndObject();
    }

    private static void WriteNullableString(Utf8JsonWriter writer, string name, string? value)
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
