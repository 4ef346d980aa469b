namespace Residency.Classification.Detectors;

/// <summary>Mainland mobile numbers: 1[3-9] + 9 digits, optionally prefixed +86, 0086 or 86, optionally written 3-4-4
/// with spaces or hyphens. No prefix list: new ranges (190, 192, 196, 197) keep appearing.</summary>
internal static class MobileDetector
{
    /// <summary>A match starts at the first digit of a digit run (or at '+' of +86).</summary>
    public static bool TryMatchAt(ReadOnlySpan<byte> text, int start, out int length)
    {
        length = 0;
        if (AsciiBytes.DigitAt(text, start - 1))
        {
            return false;
        }

        var i = start;
        if (text[i] == '+')
        {
            if (!(i + 2 < text.Length && text[i + 1] == '8' && text[i + 2] == '6'))
            {
                return false;
            }

            i += 3;
            if (i < text.Length && (text[i] == ' ' || text[i] == '-'))
            {
                i++;
            }

            return TryBody(text, start, i, out length);
        }

        if (TryBody(text, start, i, out length))
        {
            return true;
        }

        // 0086 / 86 written directly before the number, or with one separator.
        var prefix = text[i..].StartsWith("0086"u8) ? 4 : text[i..].StartsWith("86"u8) ? 2 : 0;
        if (prefix == 0)
        {
            return false;
        }

        i += prefix;
        if (i < text.Length && (text[i] == ' ' || text[i] == '-'))
        {
            i++;
        }

        return TryBody(text, start, i, out length);
    }

    private static bool TryBody(ReadOnlySpan<byte> text, int matchStart, int i, out int length)
    {
        length = 0;
        if (!AsciiBytes.DigitAt(text, i) || text[i] != '1' || !AsciiBytes.DigitAt(text, i + 1) || text[i + 1] < '3')
        {
            return false;
        }

        var run = AsciiBytes.DigitRunEnd(text, i) - i;
        if (run == 11)
        {
            length = i + 11 - matchStart;
            return true;
        }

        // 138 0013 8000 or 138-0013-8000 (the same separator twice).
        if (run == 3 && i + 13 <= text.Length && (text[i + 3] == ' ' || text[i + 3] == '-'))
        {
            var sep = text[i + 3];
            if (AsciiBytes.DigitRunEnd(text, i + 4) == i + 8 && text[i + 8] == sep && AsciiBytes.DigitRunEnd(text, i + 9) == i + 13)
            {
                length = i + 13 - matchStart;
                return true;
            }
        }

        return false;
    }
}
