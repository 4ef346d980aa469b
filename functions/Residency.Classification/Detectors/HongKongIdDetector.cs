namespace Residency.Classification.Detectors;

/// <summary>
/// Hong Kong identity card numbers: one or two letters, six digits and a check character (a digit or A), usually written with the
/// check character in brackets: <c>P174468(6)</c>, <c>P174468（6）</c>, <c>P1744686</c>, either case, as a whole token. Letters
/// count A=10..Z=35 (a single letter has a space, 36, before it), weighted 9 and 8, the digits 7 down to 2 and the check
/// character 1 (A=10); the sum is a multiple of 11.
/// </summary>
internal static class HongKongIdDetector
{
    /// <summary>A match starts at a letter that begins a token.</summary>
    public static bool TryMatchAt(ReadOnlySpan<byte> text, int start, out int length)
    {
        length = 0;
        var digits = start + (AsciiBytes.LetterAt(text, start + 1) ? 2 : 1);
        var run = AsciiBytes.DigitRunEnd(text, digits) - digits;
        int i;
        byte check;
        if (run == 7)
        {
            check = text[digits + 6];
            i = digits + 7;
        }
        else if (run == 6)
        {
            // The check character after the six digits: an A, or anything in ASCII or full-width brackets.
            i = digits + 6;
            var open = OpeningBracket(text, i);
            i += open;
            if (i >= text.Length || !IsCheckCharacter(text[i]) || (open == 0 && AsciiBytes.IsDigit(text[i])))
            {
                return false;
            }

            check = text[i++];
            var close = open == 0 ? 0 : ClosingBracket(text, i);
            if (open > 0 && close == 0)
            {
                return false;
            }

            i += close;
        }
        else
        {
            return false;
        }

        if (AsciiBytes.LetterOrDigitAt(text, i) || !IsValid(text[start..digits], text.Slice(digits, 6), check))
        {
            return false;
        }

        length = i - start;
        return true;
    }

    private static bool IsValid(ReadOnlySpan<byte> letters, ReadOnlySpan<byte> digits, byte check)
    {
        var sum = letters.Length == 2 ? (LetterValue(letters[0]) * 9) + (LetterValue(letters[1]) * 8) : (36 * 9) + (LetterValue(letters[0]) * 8);
        for (var k = 0; k < 6; k++)
        {
            sum += (digits[k] - '0') * (7 - k);
        }

        sum += AsciiBytes.IsDigit(check) ? check - '0' : 10;
        return sum % 11 == 0;
    }

    private static int LetterValue(byte letter) => AsciiBytes.ToUpper(letter) - 'A' + 10;

    private static bool IsCheckCharacter(byte b) => AsciiBytes.IsDigit(b) || b is (byte)'A' or (byte)'a';

    /// <summary>The length of '(' or '（' at <paramref name="i"/>, else 0.</summary>
    private static int OpeningBracket(ReadOnlySpan<byte> text, int i) =>
        i < text.Length && text[i] == '(' ? 1 : text[i..].StartsWith("（"u8) ? 3 : 0;

    private static int ClosingBracket(ReadOnlySpan<byte> text, int i) =>
        i < text.Length && text[i] == ')' ? 1 : text[i..].StartsWith("）"u8) ? 3 : 0;
}
