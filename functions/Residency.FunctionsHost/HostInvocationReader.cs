using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Residency.Ingest;

namespace Residency.FunctionsHost;

/// <summary>
/// Reads the Functions host's invocation request for an Event Hubs trigger (cardinality many, dataType binary)
/// into an <see cref="IngestBatch"/>. Arrays may arrive as JSON strings holding the array or as plain arrays;
/// bodies as base64, or as JSON text when an element starts with '{'. The request is read in place: the only copies
/// are the unescaped events array (when it comes as a string) and the decoded bodies. Anything that is not the
/// host's envelope, including ids outside Event Hubs' formats, negative or repeated sequence numbers and more events
/// than a host batch holds, is an <see cref="InvalidInvocationException"/> whose message names keys, never values.
/// </summary>
public static partial class HostInvocationReader
{
    /// <summary>The most events one request may carry (the host's maxEventBatchSize must stay below it).</summary>
    public const int MaxEvents = 5_000;

    /// <summary>Reason code for an element whose body could not be taken out of the envelope.</summary>
    public const string InvalidBase64Reason = "invalid-base64";

    /// <summary>Reason code for an element that is neither a string nor a JSON object.</summary>
    public const string InvalidElementReason = "invalid-envelope-element";

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>Parses the request; throws <see cref="InvalidInvocationException"/> when the envelope itself is unusable.</summary>
    public static IngestBatch Read(ReadOnlyMemory<byte> requestJson, string bindingName = HostMetadataKeys.EventsBinding)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(requestJson, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new InvalidInvocationException($"The invocation request is not valid JSON (byte {ex.BytePositionInLine}).", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidInvocationException("The invocation request is not a JSON object.");
            }

            var data = RequireObject(root, HostMetadataKeys.Data, "the request");
            var metadata = RequireObject(root, HostMetadataKeys.Metadata, "the request");
            var partitionId = ReadPartitionId(metadata);
            var bodies = EventBodies.Read(data, bindingName);
            var count = bodies.Count;

            var sequenceNumbers = RequireArray(metadata, HostMetadataKeys.SequenceNumberArray, HostMetadataKeys.Metadata);
            RequireLength(sequenceNumbers, count, HostMetadataKeys.SequenceNumberArray);
            JsonElement[] sequenceNumberElements = [.. sequenceNumbers.EnumerateArray()];
            var seen = new HashSet<long>(count);

            // Optional metadata never blocks a partition: an unusable array is ignored, not fatal.
            var offsets = OptionalArray(metadata, HostMetadataKeys.OffsetArray, count);
            var enqueued = OptionalArray(metadata, HostMetadataKeys.EnqueuedTimeUtcArray, count);
            var partitionKeys = OptionalArray(metadata, HostMetadataKeys.PartitionKeyArray, count);
            var properties = OptionalArray(metadata, HostMetadataKeys.PropertiesArray, count);

            var events = new List<IngestEvent>(count);
            for (var i = 0; i < count; i++)
            {
                var (body, transportError) = bodies[i];
                var sequenceNumber = ReadSequenceNumber(sequenceNumberElements[i], i);
                if (!seen.Add(sequenceNumber))
                {
                    throw new InvalidInvocationException($"Metadata.{HostMetadataKeys.SequenceNumberArray}[{i}] repeats an earlier sequence number.");
                }

                events.Add(new IngestEvent(
                    body,
                    sequenceNumber,
                    offsets is { } o ? ReadOffset(o[i]) : null,
                    enqueued is { } e ? ReadTime(e[i]) : null,
                    partitionKeys is { } k ? ReadScalarText(k[i]) : null,
                    properties is { } p ? ReadProperties(p[i]) : null,
                    transportError));
            }

            return new IngestBatch(partitionId, events, ReadRetryCount(metadata));
        }
    }

    private static string ReadPartitionId(JsonElement metadata)
    {
        var context = RequireObject(metadata, HostMetadataKeys.PartitionContext, HostMetadataKeys.Metadata);
        if (!context.TryGetProperty("PartitionId", out var id) || ReadScalarText(id) is not { Length: > 0 } partitionId)
        {
            throw new InvalidInvocationException("Metadata.PartitionContext.PartitionId is missing.");
        }

        // Event Hubs partition ids are the decimal numbers 0..n-1; anything else would shape blob names and logs.
        return PartitionIdPattern().IsMatch(partitionId)
            ? partitionId
            : throw new InvalidInvocationException("Metadata.PartitionContext.PartitionId is not an Event Hubs partition id (a decimal number).");
    }

    private static int ReadRetryCount(JsonElement metadata)
    {
        if (metadata.TryGetProperty(HostMetadataKeys.RetryContext, out var retry))
        {
            var context = Unwrap(retry);
            if (context.ValueKind == JsonValueKind.Object && context.TryGetProperty("RetryCount", out var count) &&
                count.ValueKind == JsonValueKind.Number && count.TryGetInt32(out var n))
            {
                return n;
            }
        }

        return 0;
    }

    private static long ReadSequenceNumber(JsonElement element, int index)
    {
        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var n) && n >= 0)
        {
            return n;
        }

        if (element.ValueKind == JsonValueKind.String &&
            long.TryParse(element.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out n))
        {
            return n;
        }

        throw new InvalidInvocationException($"Metadata.SequenceNumberArray[{index}] is not a sequence number (a non-negative integer).");
    }

    // Offsets are recorded with quarantine entries only: one outside Event Hubs' numeric form is dropped, not fatal.
    private static string? ReadOffset(JsonElement element) =>
        ReadScalarText(element) is { } text && OffsetPattern().IsMatch(text) ? text : null;

    [GeneratedRegex("^(0|[1-9][0-9]{0,8})$", RegexOptions.CultureInvariant)]
    private static partial Regex PartitionIdPattern();

    [GeneratedRegex("^[0-9]{1,20}$", RegexOptions.CultureInvariant)]
    private static partial Regex OffsetPattern();

    private static DateTimeOffset? ReadTime(JsonElement element) =>
        element.ValueKind == JsonValueKind.String &&
        DateTimeOffset.TryParse(element.GetString(), CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;

    private static Dictionary<string, string>? ReadProperties(JsonElement element)
    {
        var value = Unwrap(element);
        if (value.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            if (ReadScalarText(property.Value) is { } text)
            {
                result[property.Name] = text;
            }
        }

        return result;
    }

    private static string? ReadScalarText(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => element.GetRawText(),
    };

    private static JsonElement RequireObject(JsonElement parent, string name, string where)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            throw new InvalidInvocationException($"{name} is missing from {where}.");
        }

        value = Unwrap(value);
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidInvocationException($"{name} in {where} is not an object.");
        }

        return value;
    }

    private static JsonElement RequireArray(JsonElement parent, string name, string where) =>
        ReadArray(parent, name) ?? throw new InvalidInvocationException($"{where}.{name} is missing.");

    // The elements, taken out once: indexing a JsonElement array of objects walks it from the start every time.
    private static JsonElement[]? OptionalArray(JsonElement parent, string name, int count)
    {
        try
        {
            return ReadArray(parent, name) is { } array && array.GetArrayLength() == count ? [.. array.EnumerateArray()] : null;
        }
        catch (InvalidInvocationException)
        {
            return null;
        }
    }

    private static JsonElement? ReadArray(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        value = Unwrap(value);
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidInvocationException($"{name} is neither an array nor a JSON string holding one.");
        }

        return value;
    }

    private static void RequireLength(JsonElement array, int count, string name)
    {
        if (array.GetArrayLength() != count)
        {
            throw new InvalidInvocationException($"Metadata.{name} has {array.GetArrayLength()} entries for {count} events.");
        }
    }

    // The host sends anything that is not a JSON object as a JSON string holding its serialization. It is unescaped
    // as UTF-8 bytes and parsed from them, never turned into a .NET string first.
    private static JsonElement Unwrap(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return value;
        }

        var reader = new Utf8JsonReader(JsonMarshal.GetRawUtf8Value(value));
        reader.Read();
        var buffer = new byte[reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length];
        var text = buffer.AsMemory(0, reader.CopyString(buffer));
        var trimmed = text.Span.TrimStart(" \t\r\n"u8);
        if (trimmed.IsEmpty || (trimmed[0] != (byte)'[' && trimmed[0] != (byte)'{'))
        {
            return value;
        }

        try
        {
            using var inner = JsonDocument.Parse(text, DocumentOptions);
            return inner.RootElement.Clone();
        }
        catch (JsonException)
        {
            return value;
        }
    }
}
