namespace Residency.Classification.Detectors;

/// <summary>
/// GB 11643 resident ID: 6-digit area (a province code first, see <see cref="AreaCodes"/>), YYYYMMDD that exists, 3-digit
/// sequence, ISO 7064 MOD 11-2 check. The birth date lies between 1900-01-01 and the upload's capture date. The same form with
/// a 9 first is the 2023 Foreign Permanent Resident ID Card (digits 2-3 the province that accepted it). First-generation IDs
/// (15 digits, YYMMDD in the 1900s, no check character) count only with a keyword near them (<see cref="IdKeywords"/>).
/// </summary>
internal static class ResidentIdDetector
{
    /// <summary>The earliest birth date accepted, yyyymmdd.</summary>
    public const int EarliestBirthDate = 19000101;

    private static ReadOnlySpan<byte> Weights => [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    private static ReadOnlySpan<byte> CheckChars => "10X98765432"u8;

    /// <summary>True when the 18 characters form a valid ID number (the check character may be x or X).</summary>
    public static bool IsValid(ReadOnlySpan<byte> id, int latestBirthDate)
    {
        if (id.Length != 18 || !(id[0] == '9' ? AreaCodes.IsMainlandProvince(id[1], id[2]) : AreaCodes.IsResidentProvince(id[0], id[1])))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            if (!AsciiBytes.IsDigit(id[i]))
            {
                return false;
            }

            sum += (id[i] - '0') * Weights[i];
        }

        return AsciiBytes.ToUpper(id[17]) == CheckChars[sum % 11] && IsBirthDate(id.Slice(6, 8), latestBirthDate);
    }

    /// <summary>A match starts at a digit not preceded by a digit: 17 digits then a digit or X, not followed by a letter or digit.</summary>
    public static bool TryMatchAt(ReadOnlySpan<byte> text, int start, int latestBirthDate, out int length)
    {
        length = 18;
        if (start + 18 > text.Length || AsciiBytes.DigitAt(text, start - 1) || AsciiBytes.LetterOrDigitAt(text, start + 18))
        {
            return false;
        }

        return IsValid(text.Slice(start, 18), latestBirthDate);
    }

    /// <summary>
    /// A first-generation ID: a run of exactly 15 digits (not followed by a letter) with a mainland province code and a birth
    /// date 19YYMMDD that exists. It has no check character, and an IMEI has 15 digits too: only a keyword near it, or in the
    /// value's property name, makes it an ID number.
    /// </summary>
    public static bool TryMatchFirstGenerationAt(ReadOnlySpan<byte> text, int start, int runEnd, in DetectorContext context, out int length)
    {
        length = 15;
        if (runEnd - start != 15 || AsciiBytes.LetterAt(text, runEnd) || !AreaCodes.IsMainlandProvince(text[start], text[start + 1]))
        {
            return false;
        }

        Span<byte> birth = [(byte)'1', (byte)'9', 0, 0, 0, 0, 0, 0];
        text.Slice(start + 6, 6).CopyTo(birth[2..]);
        return IsBirthDate(birth, context.LatestBirthDate) && (IdKeywords.Near(text, start, runEnd) || context.NameHasKeyword());
    }

    /// <summary>Appends the 18-digit form of a first-generation ID (area, 19YYMMDD, sequence, check character): one person
    /// gives one pseudonym and one subject hash with either card.</summary>
    public static void AppendEighteenDigitForm(ReadOnlySpan<byte> fifteen, Streaming.ByteBuffer output)
    {
        Span<byte> id = stackalloc byte[18];
        fifteen[..6].CopyTo(id);
        id[6] = (byte)'1';
        id[7] = (byte)'9';
        fifteen[6..].CopyTo(id[8..]);
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (id[i] - '0') * Weights[i];
        }

        id[17] = CheckChars[sum % 11];
        output.Append(id);
    }

    /// <summary>True when the 8 ASCII digits are a date that exists, from 1900-01-01 to <paramref name="latestBirthDate"/>.</summary>
    internal static bool IsBirthDate(ReadOnlySpan<byte> yyyymmdd, int latestBirthDate)
    {
        var date = 0;
        foreach (var b in yyyymmdd)
        {
            date = (date * 10) + (b - '0');
        }

        var year = date / 10000;
        var month = date / 100 % 100;
        var day = date % 100;

        // The latest date is the capture date, not the clock: one upload classifies the same on every host and in every year.
        return date >= EarliestBirthDate && date <= latestBirthDate && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
    }
}
