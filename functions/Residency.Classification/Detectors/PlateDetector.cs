using System.Text;

namespace Residency.Classification.Detectors;

/// <summary>Mainland plates: province character + letter (no I/O), then 5 characters (ordinary, last may be 挂学警港澳使领)
/// or 6 (new energy: D/F + letter or digit + 4 digits, or 5 digits + D/F). An optional separator may follow the letter.</summary>
internal static class PlateDetector
{
    private const string Provinces = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";
    private const string SpecialSuffixes = "挂学警港澳使领";

    /// <summary>A match starts at a province character (3 UTF-8 bytes). A space may follow it, and a space, '-' or '·' the
    /// letter (<c>京A 12345</c>, <c>京A·12345</c>). Letters may be typed in lower case; such a plate needs a digit after its
    /// letter, so a province name before an English word (<c>京hellos</c>) is not a plate.</summary>
    public static bool TryMatchAt(ReadOnlySpan<byte> text, int start, out int length)
    {
        length = 0;

        // Every province character is 3 UTF-8 bytes and a letter or a space follows it: most CJK text fails this before any decoding.
        if (start + 3 >= text.Length || !(IsPlateLetter(text[start + 3]) || text[start + 3] == ' ') || !IsOneOf(text, start, Provinces, out var provinceLength))
        {
            return false;
        }

        var i = start + provinceLength;
        if (text[i] == ' ')
        {
            i++;
        }

        if (i >= text.Length || !IsPlateLetter(text[i]))
        {
            return false;
        }

        var lower = AsciiBytes.IsLower(text[i]);
        i++;
        if (text[i..].StartsWith("·"u8))
        {
            i += "·"u8.Length;
        }
        else if (i < text.Length && (text[i] == ' ' || text[i] == '-'))
        {
            i++;
        }

        // New energy first: it is one character longer than an ordinary plate.
        if (i + 6 <= text.Length && !AsciiBytes.LetterOrDigitAt(text, i + 6) && IsNewEnergy(text.Slice(i, 6)))
        {
            length = i + 6 - start;
            return true;
        }

        if (i + 4 > text.Length)
        {
            return false;
        }

        for (var k = 0; k < 4; k++)
        {
            if (!IsPlateAlnum(text[i + k]))
            {
                return false;
            }

            lower |= AsciiBytes.IsLower(text[i + k]);
        }

        var tail = text.Slice(i, 4);
        i += 4;
        if (i < text.Length && IsPlateAlnum(text[i]) && !AsciiBytes.LetterOrDigitAt(text, i + 1))
        {
            if ((lower || AsciiBytes.IsLower(text[i])) && tail.IndexOfAnyInRange((byte)'0', (byte)'9') < 0 && !AsciiBytes.IsDigit(text[i]))
            {
                return false;
            }

            length = i + 1 - start;
            return true;
        }

        if (IsOneOf(text, i, SpecialSuffixes, out var suffixLength) && !AsciiBytes.LetterOrDigitAt(text, i + suffixLength)
            && (!lower || tail.IndexOfAnyInRange((byte)'0', (byte)'9') >= 0))
        {
            length = i + suffixLength - start;
            return true;
        }

        return false;
    }

    /// <summary>True when the byte can start a province character (all are 3-byte UTF-8 sequences).</summary>
    public static bool MayStartPlate(byte b) => b >= 0xE4 && b <= 0xE9;

    private static bool IsNewEnergy(ReadOnlySpan<byte> six)
    {
        // Small vehicles: D/F, a letter or digit, then 4 digits. Large vehicles: 5 digits, then D/F.
        if (IsEnergyLetter(six[0]) && IsPlateAlnum(six[1]) && AllDigits(six[2..]))
        {
            return true;
        }

        return AllDigits(six[..5]) && IsEnergyLetter(six[5]);
    }

    private static bool AllDigits(ReadOnlySpan<byte> s)
    {
        foreach (var b in s)
        {
            if (!AsciiBytes.IsDigit(b))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsEnergyLetter(byte b) => AsciiBytes.ToUpper(b) is (byte)'D' or (byte)'F';

    private static bool IsPlateLetter(byte b) => AsciiBytes.IsLetter(b) && AsciiBytes.ToUpper(b) is not ((byte)'I' or (byte)'O');

    private static bool IsPlateAlnum(byte b) => AsciiBytes.IsDigit(b) || IsPlateLetter(b);

    private static bool IsOneOf(ReadOnlySpan<byte> text, int index, string chars, out int length)
    {
        length = 0;
        if (index >= text.Length || Rune.DecodeFromUtf8(text[index..], out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
        {
            return false;
        }

        length = consumed;
        return rune.IsBmp && chars.Contains((char)rune.Value, StringComparison.Ordinal);
    }
}
