using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Residency.Classification.Policy;

namespace Residency.Classification.Streaming;

/// <summary>Tests a rule's <c>when</c> against the (already validated) JSON of the node the rule matches.
/// The fields all conditions of a node test are captured in one pass over the node, then each condition reads them.</summary>
internal static class ConditionEvaluator
{
    /// <summary>Where one condition field was found in the node (offsets into the node's JSON).</summary>
    public struct FieldValue
    {
        public bool Found;
        public JsonTokenType Type;
        public int Start;
        public int Length;
        public bool Escaped;
    }

    /// <summary>Finds the values of <paramref name="fields"/> (dotted paths split into UTF-8 segments) in one pass.</summary>
    public static void Capture(ReadOnlySpan<byte> node, byte[][][] fields, Span<FieldValue> values)
    {
        values.Clear();
        var reader = new Utf8JsonReader(node);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject || fields.Length == 0)
        {
            return;
        }

        Span<ulong> masks = stackalloc ulong[64];
        masks[0] = fields.Length == 64 ? ulong.MaxValue : (1UL << fields.Length) - 1;
        var pending = masks[0];
        while (pending != 0 && reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            var depth = reader.CurrentDepth;
            if (depth > masks.Length)
            {
                reader.Read();
                reader.Skip();
                continue;
            }

            var parentMask = masks[depth - 1];
            var matched = 0UL;
            var deeper = 0UL;
            for (var i = 0; i < fields.Length; i++)
            {
                if ((parentMask & (1UL << i)) != 0 && fields[i].Length >= depth && reader.ValueTextEquals(fields[i][depth - 1]))
                {
                    matched |= 1UL << i;
                    if (fields[i].Length > depth)
                    {
                        deeper |= 1UL << i;
                    }
                }
            }

            reader.Read();
            for (var i = 0; i < fields.Length; i++)
            {
                if ((matched & ~deeper & (1UL << i)) != 0)
                {
                    var isString = reader.TokenType == JsonTokenType.String;
                    pending &= ~(1UL << i);
                    values[i] = new FieldValue
                    {
                        Found = true,
                        Type = reader.TokenType,
                        Start = (int)reader.TokenStartIndex + (isString ? 1 : 0),
                        Length = reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray ? 0 : reader.ValueSpan.Length,
                        Escaped = isString && reader.ValueIsEscaped,
                    };
                }
            }

            if (reader.TokenType == JsonTokenType.StartObject && deeper != 0 && depth < masks.Length)
            {
                masks[depth] = deeper;
            }
            else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
            }
        }

        // Every field found: the rest of the node (typically a large image) need not be read again.
    }

    public static bool Matches(RuleCondition condition, ReadOnlySpan<byte> node, ReadOnlySpan<FieldValue> values)
    {
        if (condition.Parts is { } parts)
        {
            var any = condition.Any is not null;
            foreach (var part in parts)
            {
                if (Matches(part, node, values) == any)
                {
                    return any;
                }
            }

            return !any;
        }

        var value = values[condition.FieldIndex];
        if (condition.Missing)
        {
            return !value.Found || value.Type == JsonTokenType.Null;
        }

        if (!value.Found)
        {
            return false;
        }

        var text = node.Slice(value.Start, value.Length);
        if (condition.GreaterThan is { } threshold)
        {
            return value.Type == JsonTokenType.Number && Utf8Parser.TryParse(text, out double number, out _, 'G') && number > threshold;
        }

        if (value.Type != JsonTokenType.String)
        {
            return false;
        }

        if (value.Escaped)
        {
            text = Encoding.UTF8.GetBytes(JsonUnescape(text));
        }

        foreach (var candidate in condition.InUtf8)
        {
            if (text.SequenceEqual(candidate) || Ascii.EqualsIgnoreCase(text, candidate))
            {
                return true;
            }
        }

        return false;
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
