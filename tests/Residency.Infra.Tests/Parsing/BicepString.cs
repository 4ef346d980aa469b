using System.Globalization;
using System.Text;

namespace Residency.Infra.Tests.Parsing;

/// <summary>Reads Bicep string literals: the value of a plain string, and the literal parts of an interpolated one.</summary>
internal static class BicepString
{
    /// <summary>The value of a string node without interpolation; null for any other node.</summary>
    public static string? LiteralValue(BicepNode? node)
    {
        if (node is null || node.Type != "string" || node.Text is null || node.Child("interpolation") is not null)
        {
            return null;
        }

        var text = node.Text;
        if (text.StartsWith("'''", StringComparison.Ordinal))
        {
            // Multi-line strings have no escapes; a line break right after the opening quotes is dropped.
            var body = text[3..^3];
            return body.StartsWith('\n') ? body[1..] : body.StartsWith("\r\n", StringComparison.Ordinal) ? body[2..] : body;
        }

        return Unescape(text[1..^1]);
    }

    /// <summary>The literal text of a string node, with every interpolation replaced by a placeholder.</summary>
    public static string Pattern(BicepNode node, string placeholder = "\u0000")
    {
        if (node.Child("interpolation") is null)
        {
            return LiteralValue(node) ?? string.Empty;
        }

        var builder = new StringBuilder();
        foreach (var child in node.Children)
        {
            builder.Append(child.Type switch
            {
                "interpolation" => placeholder,
                "string_content" or "escape_sequence" => Unescape(child.Text ?? string.Empty),
                _ => string.Empty,
            });
        }

        return builder.ToString();
    }

    private static string Unescape(string raw)
    {
        if (!raw.Contains('\\', StringComparison.Ordinal))
        {
            return raw;
        }

        var builder = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != '\\' || i + 1 >= raw.Length)
            {
                builder.Append(raw[i]);
                continue;
            }

            var next = raw[++i];
            switch (next)
            {
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u' when i + 1 < raw.Length && raw[i + 1] == '{':
                    var close = raw.IndexOf('}', i);
                    var code = int.Parse(raw.AsSpan(i + 2, close - i - 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    builder.Append(char.ConvertFromUtf32(code));
                    i = close;
                    break;
                default: builder.Append(next); break; // \\ \' \$
            }
        }

        return builder.ToString();
    }
}
