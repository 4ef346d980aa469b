namespace Residency.Classification.Detectors;

/// <summary>Mainland passports: E + 8 digits, E + letter + 7 digits, or the older G + 8 digits, as a whole 9-character token.</summary>
internal static class PassportDetector
{
    public static bool IsValid(ReadOnlySpan<byte> token)
    {
        if (token.Length != 9)
        {
            return false;
        }

        var first = AsciiBytes.ToUpper(token[0]);
        if (first != 'E' && first != 'G')
        {
            return false;
        }

        var digitsFrom = first == 'E' && AsciiBytes.IsLetter(token[1]) ? 2 : 1;
        if (first == 'G' && digitsFrom == 2)
        {
            return false;
        }

        foreach (var b in token[digitsFrom..])
        {
            if (!AsciiBytes.IsDigit(b))
            {
                return false;
            }
        }

        return true;
    }

    public static bool TryMatchAt(ReadOnlySpan<byte> text, int start, out int length)
    {
        length = 9;
        return start + 9 <= text.Length
            && !AsciiBytes.LetterOrDigitAt(text, start - 1)
            && !AsciiBytes.LetterOrDigitAt(text, start + 9)
            && IsValid(text.Slice(start, 9));
    }
}
