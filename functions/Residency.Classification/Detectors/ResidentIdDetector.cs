namespace Residency.Classification.Detectors;

/// <summary>GB 11643 resident ID: 6-digit area (first digit 1-8), YYYYMMDD that exists, 3-digit sequence, ISO 7064 MOD 11-2 check.</summary>
internal static class ResidentIdDetector
{
    private static ReadOnlySpan<byte> Weights => [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    private static ReadOnlySpan<byte> CheckChars => "10X98765432"u8;

    /// <summary>The latest birth year accepted (the earliest is 1800).</summary>
    private const int LatestBirthYear = 2099;

    /// <summary>True when the 18 characters form a valid ID number (the check character may be x or X).</summary>
    public static bool IsValid(ReadOnlySpan<byte> id)
    {
        if (id.Length != 18 || id[0] < '1' || id[0] > '8')
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

        if (AsciiBytes.ToUpper(id[17]) != CheckChars[sum % 11])
        {
            return false;
        }

        return IsRealDate(id.Slice(6, 8));
    }

    /// <summary>A match starts at a digit not preceded by a digit: 17 digits then a digit or X, not followed by a digit.</summary>
    public static bool TryMatchAt(ReadOnlySpan<byte> text, int start, out int length)
    {
        length = 18;
        if (start + 18 > text.Length || AsciiBytes.DigitAt(text, start - 1) || AsciiBytes.LetterOrDigitAt(text, start + 18))
        {
            return false;
        }

        return IsValid(text.Slice(start, 18));
    }

    private static bool IsRealDate(ReadOnlySpan<byte> yyyymmdd)
    {
        var year = ((yyyymmdd[0] - '0') * 1000) + ((yyyymmdd[1] - '0') * 100) + ((yyyymmdd[2] - '0') * 10) + (yyyymmdd[3] - '0');
        var month = ((yyyymmdd[4] - '0') * 10) + (yyyymmdd[5] - '0');
        var day = ((yyyymmdd[6] - '0') * 10) + (yyyymmdd[7] - '0');
        if (year < 1800 || month < 1 || month > 12 || day < 1)
        {
            return false;
        }

        // A fixed latest year, not the clock: the same upload must classify the same on every host and in every year.
        return year <= LatestBirthYear && day <= DateTime.DaysInMonth(year, month);
    }
}
