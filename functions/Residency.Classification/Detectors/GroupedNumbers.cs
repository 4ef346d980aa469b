namespace Residency.Classification.Detectors;

/// <summary>
/// ID and bank-card numbers written in groups, the way they are printed and typed: <c>110105 19491231 002X</c>,
/// <c>110105 1949 1231 002X</c>, <c>6222 0212 3456 7890 123</c> (one space or one '-' between groups, the same throughout).
/// The digits are gathered and validated exactly like the ungrouped number.
/// </summary>
internal static class GroupedNumbers
{
    /// <summary>A grouped resident ID starting at a 6-digit run: 6-8-4 or 6-4-4-4, the last group 4 digits or 3 digits and X.</summary>
    public static bool TryMatchResidentId(ReadOnlySpan<byte> text, int start, int runEnd, int latestBirthDate, out int length)
    {
        length = 0;
        if (runEnd - start != 6 || runEnd >= text.Length || !AsciiBytes.IsGroupSeparator(text[runEnd]))
        {
            return false;
        }

        var separator = text[runEnd];
        Span<byte> id = stackalloc byte[18];
        text.Slice(start, 6).CopyTo(id);
        var count = 6;
        var i = runEnd;
        ReadOnlySpan<int> eightFour = [8, 4];
        ReadOnlySpan<int> fourFourFour = [4, 4, 4];
        var end = TryGroups(text, i, separator, eightFour, id, ref count);
        if (end < 0)
        {
            count = 6;
            end = TryGroups(text, i, separator, fourFourFour, id, ref count);
        }

        if (end < 0 || AsciiBytes.LetterOrDigitAt(text, end) || !ResidentIdDetector.IsValid(id, latestBirthDate))
        {
            return false;
        }

        length = end - start;
        return true;
    }

    /// <summary>A grouped bank card starting at a 4-digit run: groups of 4, the last of 1-4, 16-19 digits in all, Luhn valid.</summary>
    public static bool TryMatchBankCard(ReadOnlySpan<byte> text, int start, int runEnd, out int length)
    {
        length = 0;
        if (runEnd - start != 4 || text[start] < '3' || text[start] > '6' || runEnd >= text.Length || !AsciiBytes.IsGroupSeparator(text[runEnd]))
        {
            return false;
        }

        var separator = text[runEnd];
        Span<byte> digits = stackalloc byte[19];
        text.Slice(start, 4).CopyTo(digits);
        var count = 4;
        var end = runEnd;
        while (count < 19 && end < text.Length && text[end] == separator && AsciiBytes.DigitAt(text, end + 1))
        {
            var groupEnd = AsciiBytes.DigitRunEnd(text, end + 1);
            var group = groupEnd - end - 1;
            if (group > 4 || count + group > 19)
            {
                return false;
            }

            text.Slice(end + 1, group).CopyTo(digits[count..]);
            count += group;
            end = groupEnd;
            if (group < 4)
            {
                break;
            }
        }

        if (count < 16 || AsciiBytes.LetterAt(text, end) || (end < text.Length && text[end] == separator && AsciiBytes.DigitAt(text, end + 1)))
        {
            return false;
        }

        if (!AsciiBytes.LuhnValid(digits[..count]))
        {
            return false;
        }

        length = end - start;
        return true;
    }

    /// <summary>Reads groups of the given sizes, each after one <paramref name="separator"/>; the last may end in X. Returns the end or -1.</summary>
    private static int TryGroups(ReadOnlySpan<byte> text, int i, byte separator, ReadOnlySpan<int> sizes, Span<byte> id, ref int count)
    {
        for (var g = 0; g < sizes.Length; g++)
        {
            if (i >= text.Length || text[i] != separator)
            {
                return -1;
            }

            var groupEnd = AsciiBytes.DigitRunEnd(text, i + 1);
            var digits = groupEnd - i - 1;
            var last = g == sizes.Length - 1;
            if (last && digits == sizes[g] - 1 && groupEnd < text.Length && (text[groupEnd] == 'X' || text[groupEnd] == 'x'))
            {
                text.Slice(i + 1, digits).CopyTo(id[count..]);
                id[count + digits] = text[groupEnd];
                count += sizes[g];
                return groupEnd + 1;
            }

            if (digits != sizes[g])
            {
                return -1;
            }

            text.Slice(i + 1, digits).CopyTo(id[count..]);
            count += digits;
            i = groupEnd;
        }

        return i;
    }
}
