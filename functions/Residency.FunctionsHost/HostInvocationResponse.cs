using System.Buffers;
using System.Text.Json;
using Residency.Ingest;

namespace Residency.FunctionsHost;

/// <summary>
/// The custom handler's response body the host expects: JSON with <c>Outputs</c> (none here), <c>Logs</c> (lines for the
/// function log: counts, sequence numbers and reason codes only) and <c>ReturnValue</c> (the batch outcome, or null).
/// Written by the handler, read back by the local run, the benchmark, the soak and the tests.
/// </summary>
public sealed record HostInvocationResponse(IReadOnlyList<string> Logs, IngestOutcome? Outcome)
{
    /// <summary>The body as compact UTF-8 JSON.</summary>
    public byte[] ToUtf8Json()
    {
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("Outputs");
            writer.WriteEndObject();
            writer.WriteStartArray(nameof(Logs));
            foreach (var line in Logs)
            {
                writer.WriteStringValue(line);
            }

            writer.WriteEndArray();
            writer.WritePropertyName("ReturnValue");
            if (Outcome is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                IngestOutcomeJson.Write(writer, Outcome);
            }

            writer.WriteEndObject();
        }

        return output.WrittenSpan.ToArray();
    }

    /// <summary>Reads a body of the host's shape; null when the bytes are not one (not JSON, or missing a member).</summary>
    public static HostInvocationResponse? TryParse(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8Json);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("Outputs", out var outputs) || outputs.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty(nameof(Logs), out var logs) || logs.ValueKind != JsonValueKind.Array
                || !root.TryGetProperty("ReturnValue", out var returnValue))
            {
                return null;
            }

            return new HostInvocationResponse(
                logs.EnumerateArray().Select(l => l.GetString() ?? string.Empty).ToList(),
                returnValue.ValueKind == JsonValueKind.Object ? IngestOutcomeJson.Read(returnValue) : null);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            return null;
        }
    }
}
