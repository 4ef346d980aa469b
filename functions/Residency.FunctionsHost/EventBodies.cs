using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Residency.FunctionsHost;

/// <summary>
/// The event bodies of an invocation request, taken out of <c>Data.{binding}</c> without copying the request: a
/// plain array is read element by element; an array sent as a JSON string is unescaped once into one buffer and
/// read with a <see cref="Utf8JsonReader"/>. Each base64 body is decoded straight into its own array.
/// </summary>
internal static class EventBodies
{
    public static List<(ReadOnlyMemory<byte> Body, string? TransportError)> Read(JsonElement data, string bindingName)
    {
        if (!data.TryGetProperty(bindingName, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw new InvalidInvocationException($"{HostMetadataKeys.Data}.{bindingName} is missing.");
        }

        return value.ValueKind switch
        {
            JsonValueKind.Array => FromElements(value),
            JsonValueKind.String => FromText(value, bindingName),
            _ => throw new InvalidInvocationException($"{bindingName} is neither an array nor a JSON string holding one."),
        };
    }

    private static List<(ReadOnlyMemory<byte>, string?)> FromElements(JsonElement array)
    {
        var count = array.GetArrayLength();
        EnsureCount(count);
        var bodies = new List<(ReadOnlyMemory<byte>, string?)>(count);
        foreach (var element in array.EnumerateArray())
        {
            if (element.ValueKind == JsonValueKind.String)
            {
                var reader = new Utf8JsonReader(JsonMarshal.GetRawUtf8Value(element));
                reader.Read();
                bodies.Add(FromString(ref reader));
            }
            else
            {
                // The host sends a body it parsed as JSON as the object itself.
                var raw = JsonMarshal.GetRawUtf8Value(element).ToArray();
                bodies.Add((raw, element.ValueKind == JsonValueKind.Object ? null : HostInvocationReader.InvalidElementReason));
            }
        }

        return bodies;
    }

    private static List<(ReadOnlyMemory<byte>, string?)> FromText(JsonElement text, string bindingName)
    {
        if (Base64Elements.TryRead(JsonMarshal.GetRawUtf8Value(text), out var decoded))
        {
            return decoded;
        }

        // Any other form of the array serialized into a JSON string: unescape it once, then read it in place.
        var escaped = new Utf8JsonReader(JsonMarshal.GetRawUtf8Value(text));
        escaped.Read();
        var unescaped = new byte[escaped.HasValueSequence ? escaped.ValueSequence.Length : escaped.ValueSpan.Length];
        var length = escaped.CopyString(unescaped);
        var reader = new Utf8JsonReader(unescaped.AsSpan(0, length), new JsonReaderOptions { MaxDepth = 64 });
        var bodies = new List<(ReadOnlyMemory<byte>, string?)>();
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                throw new InvalidInvocationException($"{bindingName} is neither an array nor a JSON string holding one.");
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                EnsureCount(bodies.Count + 1);
                switch (reader.TokenType)
                {
                    case JsonTokenType.String:
                        bodies.Add(FromString(ref reader));
                        break;
                    case JsonTokenType.StartObject:
                        var start = (int)reader.TokenStartIndex;
                        reader.Skip();
                        bodies.Add((unescaped.AsSpan(start, (int)reader.BytesConsumed - start).ToArray(), null));
                        break;
                    default:
                        var from = (int)reader.TokenStartIndex;
                        reader.Skip();
                        bodies.Add((unescaped.AsSpan(from, (int)reader.BytesConsumed - from).ToArray(), HostInvocationReader.InvalidElementReason));
                        break;
                }
            }

            if (reader.TokenType != JsonTokenType.EndArray || reader.Read())
            {
                throw new InvalidInvocationException($"{bindingName} holds more than one JSON array.");
            }
        }
        catch (JsonException ex)
        {
            throw new InvalidInvocationException($"{bindingName} is a string that does not hold a JSON array (byte {ex.BytePositionInLine}).", ex);
        }

        return bodies;
    }

    // A base64 body (the binary data type), or JSON text when the host sent the body as a string starting with '{'.
    private static (ReadOnlyMemory<byte>, string?) FromString(ref Utf8JsonReader reader)
    {
        var raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
        if (!reader.ValueIsEscaped && raw.TrimStart(" \t\r\n"u8) is [(byte)'{', ..])
        {
            return (raw.ToArray(), null);
        }

        if (reader.TryGetBytesFromBase64(out var bytes))
        {
            return (bytes, null);
        }

        var text = Encoding.UTF8.GetBytes(reader.GetString()!);
        return text.AsSpan().TrimStart(" \t\r\n"u8) is [(byte)'{', ..] ? (text, null) : (text, HostInvocationReader.InvalidBase64Reason);
    }

    private static void EnsureCount(int count)
    {
        if (count > HostInvocationReader.MaxEvents)
        {
            throw new InvalidInvocationException($"The request carries more than {HostInvocationReader.MaxEvents} events.");
        }
    }
}
