using System.Buffers;
using System.Text.Json;

namespace Residency.Operations.Requests;

/// <summary>
/// How a subject request ended, written once to <c>vehicle-audit/subject-requests/{id}/outcome.json</c>
/// (residency-subject-outcome/1) after the eraser or exporter wrote its receipt: when, the receipt's name in
/// <c>vehicle-audit</c>, and the lines exported or deleted. A request without an outcome is open.
/// </summary>
public sealed record SubjectRequestOutcome(string RequestId, DateTimeOffset CompletedAt, string Receipt, long Lines)
{
    /// <summary>The schema id written into every outcome.</summary>
    public const string Schema = "residency-subject-outcome/1";

    /// <summary>The outcome as compact UTF-8 JSON.</summary>
    public byte[] ToUtf8Json()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("schema", Schema);
            writer.WriteString("requestId", RequestId);
            writer.WriteString("completedAt", Timestamps.Format(CompletedAt));
            writer.WriteString("receipt", Receipt);
            writer.WriteNumber("lines", Lines);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads an outcome written by <see cref="ToUtf8Json"/>; <see cref="FormatException"/> when it is not one.</summary>
    public static SubjectRequestOutcome Read(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8Json.ToArray());
            var root = document.RootElement;
            if (root.GetProperty("schema").GetString() != Schema)
            {
                throw new FormatException($"Not a {Schema} document.");
            }

            return new SubjectRequestOutcome(
                root.GetProperty("requestId").GetString()!,
                root.GetProperty("completedAt").GetDateTimeOffset(),
                root.GetProperty("receipt").GetString()!,
                root.GetProperty("lines").GetInt64());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"Not a well-formed {Schema} document.", e);
        }
    }
}
