namespace Residency.Classification.Detectors;

/// <summary>Byte-level character tests. Every byte of a multi-byte UTF-8 character is >= 0x80, so CJK text
/// counts as "not a letter or digit" here: that is what gives detectors boundaries inside Chinese text.</summary>
internal static class AsciiBytes
{
    public static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    public static bool IsUpper(byte b) => (uint)(b - 'A') <= 'Z' - 'A';

    public static bool IsLower(byte b) => (uint)(b - 'a') <= 'z' - 'a';

    public static bool IsLetter(byte b) => IsUpper(b) || IsLower(b);

    public static bool IsLetterOrDigit(byte b) => IsDigit(b) || IsLetter(b);

    public static byte ToUpper(byte b) => IsLower(b) ? (byte)(b - 32) : b;

    public static byte ToLower(byte b) => IsUpper(b) ? (byte)(b + 32) : b;

    /// <summary>A separator people put between digit groups of phone, card and ID numbers.</summary>
    public static bool IsGroupSeparator(byte b) => b is (byte)' ' or (byte)'-';

    /// <summary>True when the byte at <paramref name="index"/> exists and is an ASCII digit.</summary>
    public static bool DigitAt(ReadOnlySpan<byte> text, int index) => (uint)index < (uint)text.Length && IsDigit(text[index]);

    /// <summary>True when the byte at <paramref name="index"/> exists and is an ASCII letter or digit.</summary>
    public static bool LetterOrDigitAt(ReadOnlySpan<byte> text, int index) => (uint)index < (uint)text.Length && IsLetterOrDigit(text[index]);

    /// <summary>True when the byte at <paramref name="index"/> exists and is an ASCII letter.</summary>
    public static bool LetterAt(ReadOnlySpan<byte> text, int index) => (uint)index < (uint)text.Length && IsLetter(text[index]);

    public static int DigitRunEnd(ReadOnlySpan<byte> text, int start)
    {
        var i = start;
        while (i < text.Length && IsDigit(text[i]))
        {
            i++;
        }

        return i;
    }

    public static int LetterOrDigitRunEnd(ReadOnlySpan<byte> text, int start)
    {
        var i = start;
        while (i < text.Length && IsLetterOrDigit(text[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>Luhn (mod 10) check over ASCII digits.</summary>
    public static bool LuhnValid(ReadOnlySpan<byte> digits)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            if (!IsDigit(digits[i]))
            {
                return false;
            }

            var d = digits[i] - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }
}
