namespace Residency.Classification.Detectors;

/// <summary>E-mail addresses found around an '@': local part [A-Za-z0-9._%+-], dotted domain ending in a 2+ letter label.
/// Anything else (CJK included) ends the address, so addresses inside Chinese text are found.</summary>
internal static class EmailDetector
{
    /// <summary>Given the index of an '@', finds the address around it.</summary>
    public static bool TryMatchAround(ReadOnlySpan<byte> text, int at, out int start, out int length)
    {
        start = at;
        length = 0;
        while (start > 0 && IsLocalChar(text[start - 1]))
        {
            start--;
        }

        while (start < at && text[start] == '.')
        {
            start++;
        }

        if (start == at)
        {
            return false;
        }

        var end = at + 1;
        while (end < text.Length && (AsciiBytes.IsLetterOrDigit(text[end]) || text[end] == '-' || text[end] == '.'))
        {
            end++;
        }

        // A sentence-ending dot is not part of the domain.
        while (end > at + 1 && (text[end - 1] == '.' || text[end - 1] == '-'))
        {
            end--;
        }

        var domain = text[(at + 1)..end];
        var lastDot = domain.LastIndexOf((byte)'.');
        if (lastDot <= 0 || domain.Length - lastDot - 1 < 2 || domain.IndexOf(".."u8) >= 0 || domain[0] == '-')
        {
            return false;
        }

        foreach (var b in domain[(lastDot + 1)..])
        {
            if (!AsciiBytes.IsLetter(b))
            {
                return false;
            }
        }

        length = end - start;
        return true;
    }

    private static bool IsLocalChar(byte b) => AsciiBytes.IsLetterOrDigit(b) || b is (byte)'.' or (byte)'_' or (byte)'%' or (byte)'+' or (byte)'-';
}
