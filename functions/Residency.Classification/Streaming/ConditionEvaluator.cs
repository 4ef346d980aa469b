using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Residency.Classification.Streaming;

/// <summary>Tests a rule's <c>when</c> against the (already validated) JSON of the node the rule matches.</summary>
internal static class ConditionEvaluator
{
    public static bool Matches(RuleCondition condition, ReadOnlySpan<byte> nodeJson)
    {
        if (condition.Any is not null)
        {
            foreach (var part in condition.Any)
            {
                if (Matches(part, nodeJson))
                {
                    return true;
                }
            }

            return false;
        }

        if (condition.All is not null)
        {
            foreach (var part in condition.All)
            {
                if (!Matches(part, nodeJson))
                {
                    return false;
                }
            }

            return true;
        }

        var found = TryFind(nodeJson, condition.FieldSegments, out var type, out var value, out var escaped);
        if (condition.Missing)
        {
            return !found || type == JsonTokenType.Null;
        }

        if (!found)
        {
            return false;
        }

        if (condition.GreaterThan is { } threshold)
        {
            return type == JsonTokenType.Number && Utf8Parser.TryParse(value, out double number, out _, 'G') ? number > threshold : false;
        }

        if (type != JsonTokenType.String)
        {
            return false;
        }

        var text = escaped ? JsonUnescape(value) : Encoding.UTF8.GetString(value);
        foreach (var candidate in condition.In!)
        {
            if (string.Equals(candidate, text, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryFind(ReadOnlySpan<byte> json, string[] segments, out JsonTokenType type, out ReadOnlySpan<byte> value, out bool escaped)
    {
        var reader = new Utf8JsonReader(json);
        type = JsonTokenType.None;
        value = default;
        escaped = false;
        reader.Read();
        foreach (var segment in segments)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var depth = reader.CurrentDepth;
            var found = false;
            while (reader.Read() && reader.CurrentDepth > depth)
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 1 && reader.ValueTextEquals(segment))
                {
                    reader.Read();
                    found = true;
                    break;
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }
            }

            if (!found)
            {
                return false;
            }
        }

        type = reader.TokenType;
        value = reader.ValueSpan;
        escaped = reader.ValueIsEscaped;
        return true;
    }

    private static string JsonUnescape(ReadOnlySpan<byte> escapedValue)
    {
        var quoted = new byte[escapedValue.Length + 2];
        quoted[0] = (byte)'"';
        escapedValue.CopyTo(quoted.AsSpan(1));
        quoted[^1] = (byte)'"';
        var reader = new Utf8JsonReader(quoted);
        reader.Read();
        return reader.GetString()!;
    }
}
