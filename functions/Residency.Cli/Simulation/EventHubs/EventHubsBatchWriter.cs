using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace Residency.Cli.Simulation.EventHubs;

/// <summary>
/// Serializes messages as Event Hubs REST batches (application/vnd.microsoft.servicebus.json), one partition key
/// per batch and no batch over the size limit. JSON bodies travel as text, anything else base64 (IsBodyBase64).
/// </summary>
internal static class EventHubsBatchWriter
{
    public static IEnumerable<EventHubsBatch> Split(IEnumerable<EventHubsMessage> messages, int maxBatchBytes)
    {
        foreach (var group in messages.GroupBy(m => m.PartitionKey, StringComparer.Ordinal))
        {
            var current = new List<byte[]>();
            var size = 2; // "[" and "]"
            foreach (var message in group)
            {
                var element = Element(message);
                if (element.Length + 2 > maxBatchBytes)
                {
                    throw new ArgumentException($"An event of {message.Body.Length} bytes does not fit in a {maxBatchBytes}-byte publication.", nameof(messages));
                }

                var added = element.Length + (current.Count > 0 ? 1 : 0);
                if (size + added > maxBatchBytes)
                {
                    yield return new EventHubsBatch(Join(current), current.Count);
                    current.Clear();
                    size = 2;
                    added = element.Length;
                }

                current.Add(element);
                size += added;
            }

            if (current.Count > 0)
            {
                yield return new EventHubsBatch(Join(current), current.Count);
            }
        }
    }

    private static byte[] Element(EventHubsMessage message)
    {
        var output = new ArrayBufferWriter<byte>(message.Body.Length + 256);
        using (var w = new Utf8JsonWriter(output))
        {
            w.WriteStartObject();
            var span = message.Body.Span;
            if (span.Length > 0 && span[0] == (byte)'{' && Utf8.IsValid(span))
            {
                w.WriteString("Body", span);
            }
            else
            {
                w.WriteBase64String("Body", span);
                w.WriteBoolean("IsBodyBase64", true);
            }

            if (message.PartitionKey is not null)
            {
                w.WriteStartObject("BrokerProperties");
                w.WriteString("PartitionKey", message.PartitionKey);
                w.WriteEndObject();
            }

            if (message.Properties is { Count: > 0 })
            {
                w.WriteStartObject("UserProperties");
                foreach (var (name, value) in message.Properties)
                {
                    w.WriteString(name, value);
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return output.WrittenSpan.ToArray();
    }

    private static byte[] Join(List<byte[]> elements)
    {
        var length = 2 + elements.Sum(e => e.Length) + elements.Count - 1;
        var result = new byte[length];
        result[0] = (byte)'[';
        var position = 1;
        for (var i = 0; i < elements.Count; i++)
        {
            if (i > 0)
            {
                result[position++] = (byte)',';
            }

            elements[i].CopyTo(result, position);
            position += elements[i].Length;
        }

        result[position] = (byte)']';
        return result;
    }
}

/// <summary>One publication: the JSON body and how many events it holds.</summary>
internal sealed record EventHubsBatch(byte[] Body, int EventCount);
