using System.Text.Json;
using System.Text.RegularExpressions;

namespace Residency.Reporting.Rendering;

/// <summary>
/// The values a report must never show: a VIN, a resident ID number, a mobile number, a coordinate pair. The facts file
/// is checked with these on reading, and every rendered page and JSON document before it is written (a last guard:
/// nothing the ledger holds can produce one).
/// </summary>
public static partial class SensitiveText
{
    /// <summary>What a text holds that the report must never show, or null.</summary>
    public static string? KindIn(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Mobile().IsMatch(text))
        {
            return "mobile number";
        }

        if (ResidentId().IsMatch(text))
        {
            return "resident ID number";
        }

        if (Vin().Matches(text).Any(m => m.Value.Any(char.IsAsciiDigit) && m.Value.Any(char.IsAsciiLetter)))
        {
            return "VIN";
        }

        return Coordinates().IsMatch(text) ? "coordinate pair" : null;
    }

    /// <summary>The first string value of a JSON document that holds such a value: its path and kind.</summary>
    public static (string Path, string Kind)? FirstIn(JsonElement element, string path = "$")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return KindIn(element.GetString()!) is { } kind ? (path, kind) : null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (KindIn(property.Name) is { } nameKind)
                    {
                        return ($"{path} (a member name)", nameKind);
                    }

                    if (FirstIn(property.Value, $"{path}.{property.Name}") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FirstIn(item, $"{path}[{index++}]") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    // Mainland mobile numbers, also with +86/0086/86, not inside a longer number.
    [GeneratedRegex(@"(?<![0-9A-Za-z])(?:\+?86|0086)?[ -]?1[3-9][0-9](?:[ -]?[0-9]{4}){2}(?![0-9A-Za-z])", RegexOptions.CultureInvariant)]
    private static partial Regex Mobile();

    // 18-character resident ID: area, birth date 19xx/20xx, sequence, check character.
    [GeneratedRegex(@"(?<![0-9A-Za-z])[1-9][0-9]{5}(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx](?![0-9A-Za-z])", RegexOptions.CultureInvariant)]
    private static partial Regex ResidentId();

    [GeneratedRegex(@"(?<![0-9A-Za-z])[A-HJ-NPR-Z0-9]{17}(?![0-9A-Za-z])", RegexOptions.CultureInvariant)]
    private static partial Regex Vin();

    // A decimal pair such as 39.90872, 116.39748 (three or more decimals each).
    [GeneratedRegex(@"(?<![0-9.])-?[0-9]{1,3}\.[0-9]{3,}\s*[,，/ ]\s*-?[0-9]{1,3}\.[0-9]{3,}(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex Coordinates();
}
