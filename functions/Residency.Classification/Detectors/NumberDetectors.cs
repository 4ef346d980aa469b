namespace Residency.Classification.Detectors;

/// <summary>Digit-run detectors: IMEI (15 digits, Luhn), bank cards (16-19 digits, Luhn, issuer digit 3-6), ICCID (8986, 19-20).</summary>
internal static class NumberDetectors
{
    /// <summary>IMEI: a run of exactly 15 digits with a valid Luhn check.</summary>
    public static bool TryMatchImei(ReadOnlySpan<byte> text, int start, int runEnd, out int length)
    {
        length = runEnd - start;
        return length == 15 && AsciiBytes.LuhnValid(text.Slice(start, 15));
    }

    /// <summary>Bank card: a run of 16-19 digits whose first digit names a card issuer (3-6) with a valid Luhn check.</summary>
    public static bool TryMatchBankCard(ReadOnlySpan<byte> text, int start, int runEnd, out int length)
    {
        length = runEnd - start;
        return length is >= 16 and <= 19
            && text[start] >= '3' && text[start] <= '6'
            && AsciiBytes.LuhnValid(text.Slice(start, length));
    }

    /// <summary>ICCID issued in China: 8986 then 15-16 letters or digits (some operators use letters), 19-20 in all.</summary>
    /// <remarks>The boundary and prefix are tested before the token is measured, and the measure stops after 21 bytes: the scan
    /// calls this at every digit run, also inside a long run of letters and digits, so measuring the rest of that run from
    /// each start made the scan quadratic in the run's length.</remarks>
    public static bool TryMatchIccid(ReadOnlySpan<byte> text, int start, out int length)
    {
        length = 0;
        if (AsciiBytes.LetterOrDigitAt(text, start - 1) || !text[start..].StartsWith("8986"u8))
        {
            return false;
        }

        var end = Math.Min(text.Length, start + 21);
        length = AsciiBytes.LetterOrDigitRunEnd(text[..end], start) - start;
        return length is 19 or 20;
    }
}
