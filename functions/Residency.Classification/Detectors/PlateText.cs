using System.Text;

namespace Residency.Classification.Detectors;

/// <summary>Whether a piece of recognised text (OCR output) is a whole mainland licence plate, by the classifier's plate detector.</summary>
public static class PlateText
{
    /// <summary>
    /// True when <paramref name="text"/>, normalised the way OCR writes plates, is exactly one plate (ordinary, new-energy,
    /// or with a 挂学警港澳使领 suffix). Normalising drops spaces and separators ('·', '.', '-', '•' and their full-width or
    /// look-alike forms), turns full-width letters and digits into ASCII, upper-cases letters, and reads 'O' as '0' and 'I'
    /// as '1' after the first two characters (plates use neither letter), and a final 桂 as 挂.
    /// </summary>
    public static bool IsPlate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > 32)
        {
            return false;
        }

        var normalized = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var ascii = c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c;
            if (char.IsWhiteSpace(ascii) || IsSeparator(ascii))
            {
                continue;
            }

            ascii = char.ToUpperInvariant(ascii);
            if (normalized.Length >= 2)
            {
                ascii = ascii switch { 'O' => '0', 'I' => '1', _ => ascii };
            }

            normalized.Append(ascii);
        }

        // OCR confuses 挂 (trailer) with 桂 (Guangxi), and no plate ends in a province character.
        if (normalized.Length > 2 && normalized[^1] == '桂')
        {
            normalized[^1] = '挂';
        }

        var bytes = Encoding.UTF8.GetBytes(normalized.ToString());
        return bytes.Length > 0 && PlateDetector.TryMatchAt(bytes, 0, out var length) && length == bytes.Length;
    }

    // Middle dots, bullets, full stops and dashes OCR reads for the dot between a plate's letter and its number.
    private static bool IsSeparator(char c) =>
        c is '·' or '.' or '-' or '•' or '・' or '∙' or '⋅' or '‧' or '。' or '‐' or '‑' or '‒' or '–' or '—' or '−' or '_';
}
