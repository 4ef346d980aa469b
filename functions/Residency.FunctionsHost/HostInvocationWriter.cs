using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Residency.Ingest;

namespace Residency.FunctionsHost;

/// <summary>
/// Writes an <see cref="IngestBatch"/> as the Functions host would post it to a custom handler for an Event Hubs
/// trigger with cardinality many and dataType binary: used by the local run, the simulator and the tests.
/// </summary>
public static class HostInvocationWriter
{
    /// <summary>The function (folder) name the host posts to.</summary>
    public const string FunctionName = "VehicleIngest";

    // The host serializes with Newtonsoft.Json: a quote inside a string is \", and '+', '<' or non-ASCII text stay as they are.
    private static readonly JsonWriterOptions HostLikeEscaping = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Serializes the batch; bodies are base64 strings, metadata arrays encoded as asked.</summary>
    public static byte[] Write(
        IngestBatch batch,
        HostArrayEncoding encoding = HostArrayEncoding.JsonString,
        HostPartitionContext? context = null,
        DateTimeOffset? utcNow = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        context ??= new HostPartitionContext();
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output, HostLikeEscaping))
        {
            writer.WriteStartObject();
            writer.WriteStartObject(HostMetadataKeys.Data);
            WriteArray(writer, HostMetadataKeys.EventsBinding, encoding, w =>
            {
                foreach (var e in batch.Events)
                {
                    w.WriteBase64StringValue(e.Body.Span);
                }
            });
            writer.WriteEndObject();

            writer.WriteStartObject(HostMetadataKeys.Metadata);
            writer.WriteStartObject(HostMetadataKeys.PartitionContext);
            writer.WriteString("FullyQualifiedNamespace", context.FullyQualifiedNamespace);
            writer.WriteString("EventHubName", context.EventHubName);
            writer.WriteString("ConsumerGroup", context.ConsumerGroup);
            writer.WriteString("PartitionId", batch.PartitionId);
            writer.WriteBoolean("IsCheckpointingAfterInvocation", true);
            writer.WriteEndObject();

            WriteArray(writer, HostMetadataKeys.SequenceNumberArray, encoding, w =>
            {
                foreach (var e in batch.Events)
                {
                    w.WriteNumberValue(e.SequenceNumber);
                }
            });
            WriteArray(writer, HostMetadataKeys.OffsetArray, encoding, w =>
            {
                foreach (var e in batch.Events)
                {
                    WriteNullableString(w, e.Offset);
                }
            });
            WriteArray(writer, HostMetadataKeys.EnqueuedTimeUtcArray, encoding, w =>
            {
                foreach (var e in batch.Events)
                {
                    WriteNullableString(w, e.EnqueuedTimeUtc?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture));
                }
            });
            WriteArray(writer, HostMetadataKeys.PartitionKeyArray, encoding, w =>
            {
                foreach (var e in batch.Events)
                {
                    WriteNullableString(w, e.PartitionKey);
                }
            });
            WriteArray(writer, HostMetadataKeys.PropertiesArray, encoding, w =>
            {
                foreach (var e in batch.Events)
                {
                    w.WriteStartObject();
                    foreach (var (name, value) in e.Properties ?? new Dictionary<string, string>())
                    {
                        w.WriteString(name, value);
                    }

                    w.WriteEndObject();
                }
            });
            WriteArray(writer, HostMetadataKeys.SystemPropertiesArray, encoding, w =>
            {
                foreach (var e in batch.Events)
                {
                    w.WriteStartObject();
                    w.WriteNumber("x-opt-sequence-number", e.SequenceNumber);
                    w.WriteEndObject();
                }
            });

            if (batch.RetryCount > 0)
            {
                writer.WriteStartObject(HostMetadataKeys.RetryContext);
                writer.WriteNumber("MaxRetryCount", -1);
                writer.WriteNumber("RetryCount", batch.RetryCount);
                writer.WriteNull("Exception");
                writer.WriteEndObject();
            }

            writer.WriteStartObject(HostMetadataKeys.Sys);
            writer.WriteString("MethodName", FunctionName);
            writer.WriteString("UtcNow", (utcNow ?? DateTimeOffset.UtcNow).UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            writer.WriteString("RandGuid", Guid.NewGuid().ToString());
            writer.WriteEndObject();

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return output.WrittenSpan.ToArray();
    }

    private static void WriteNullableString(Utf8JsonWriter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }

    private static void WriteArray(Utf8JsonWriter writer, string name, HostArrayEncoding encoding, Action<Utf8JsonWriter> items)
    {
        if (encoding == HostArrayEncoding.JsonArray)
        {
            writer.WriteStartArray(name);
            items(writer);
            writer.WriteEndArray();
            return;
        }

        // The host serializes the array and sends the text as a JSON string.
        var inner = new ArrayBufferWriter<byte>();
        using (var innerWriter = new Utf8JsonWriter(inner, HostLikeEscaping))
        {
            innerWriter.WriteStartArray();
            items(innerWriter);
            innerWriter.WriteEndArray();
        }

        writer.WriteString(name, inner.WrittenSpan);
    }
}
