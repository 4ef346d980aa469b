namespace Residency.Classification.Detectors;

/// <summary>
/// Taiwan national ID numbers: a letter (its area), 1 or 2 (the sex), seven digits and a check digit, as a whole 10-character
/// token, either case: <c>B221690311</c>. The letter's two-digit code (A=10 ... H=17, J=18 ... N=22, P=23 ... V=29, then X=30,
/// Y=31, W=32, Z=33, I=34, O=35) counts its tens once and its units 9 times; the next eight digits are weighted 8 down to 1;
/// with the check digit the sum is a multiple of 10.
/// </summary>
internal static class TaiwanIdDetector
{
    /// <summary>The two-digit code of each letter A..Z.</summary>
    private static ReadOnlySpan<byte> LetterCodes => [10, 11, 12, 13, 14, 15, 16, 17, 34, 18, 19, 20, 21, 22, 35, 23, 24, 25, 26, 27, 28, 29, 32, 30, 31, 33];

    /// <summary>A match starts at a letter that begins a token.</summary>
    public static bool TryMatchAt(ReadOnlySpan<byte> text, int start, out int length)
    {
        length = 10;
        if (start + 10 > text.Length || text[start + 1] is not ((byte)'1' or (byte)'2')
            || AsciiBytes.DigitRunEnd(text, start + 1) != start + 10 || AsciiBytes.LetterAt(text, start + 10))
        {
            return false;
        }

        var code = LetterCodes[AsciiBytes.ToUpper(text[start]) - 'A'];
        var sum = (code / 10) + (code % 10 * 9);
        for (var k = 1; k <= 8; k++)
        {
            sum += (text[start + k] - '0') * (9 - k);
        }

        return (sum + (text[start + 9] - '0')) % 10 == 0;
    }
}
