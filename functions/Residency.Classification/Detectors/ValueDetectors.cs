using System.Buffers;
using System.Text;

namespace Residency.Classification.Detectors;

/// <summary>Finds identifiers in UTF-8 text with validating detectors that work inside Chinese text (no word boundaries assumed).</summary>
public static class ValueDetectors
{
    /// <summary>Every detector.</summary>
    internal const int AllKinds = (1 << 12) - 1;

    /// <summary>All detector kinds in a stable order.</summary>
    public static IReadOnlyList<DetectorKind> All { get; } = Enum.GetValues<DetectorKind>();

    /// <summary>The policy name of a detector (for example <c>cn-resident-id</c>).</summary>
    public static string ToName(DetectorKind kind) => kind switch
    {
        DetectorKind.ResidentId => "cn-resident-id",
        DetectorKind.Mobile => "cn-mobile",
        DetectorKind.Plate => "cn-plate",
        DetectorKind.Vin => "vin",
        DetectorKind.Imei => "imei",
        DetectorKind.BankCard => "bank-card",
        DetectorKind.Iccid => "iccid",
        DetectorKind.Passport => "cn-passport",
        DetectorKind.Email => "email",
        DetectorKind.Coordinates => "coordinates",
        DetectorKind.HongKongId => "hk-id",
        DetectorKind.TaiwanId => "tw-id",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown detector."),
    };

    /// <summary>Parses a detector's policy name.</summary>
    public static bool TryParse(string name, out DetectorKind kind)
    {
        foreach (var candidate in All)
        {
            if (ToName(candidate) == name)
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>Finds every identifier in the text, in any written form (full-width, grouped); returns the detector and the
    /// matched text as written. Without an upload there is no capture date: ID numbers may carry birth dates up to 2099-12-31.</summary>
    public static IReadOnlyList<(DetectorKind Kind, string Value)> FindAll(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var utf8 = Encoding.UTF8.GetBytes(text);
        return FindAll(utf8).Select(m => (m.Kind, Encoding.UTF8.GetString(utf8, m.Start, m.Length))).ToList();
    }

    /// <summary>Finds every identifier in UTF-8 text; offsets are byte offsets into <paramref name="utf8"/>.</summary>
    public static IReadOnlyList<DetectorMatch> FindAll(ReadOnlySpan<byte> utf8)
    {
        var scanner = new IdentifierScanner();
        scanner.Scan(utf8, AllKinds);
        return scanner.Matches.Select(m => new DetectorMatch(m.Kind, m.Start, m.Length)).ToList();
    }

    /// <summary>The form every way of writing an identifier is reduced to before it is pseudonymized or masked (separators
    /// removed, full-width made ASCII, letters upper-cased, e-mail lower-cased, a mobile number without +86), or null when the
    /// text is not exactly one identifier.</summary>
    public static string? CanonicalForm(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var scanner = new IdentifierScanner();
        return scanner.TryWholeValue(Encoding.UTF8.GetBytes(text), out var canonical) ? Encoding.UTF8.GetString(canonical) : null;
    }

    /// <summary>True when the 18-character text is a valid resident ID number (a province code, MOD 11-2, and a birth date that
    /// exists from 1900-01-01 to 2099-12-31: without an upload there is no capture date to bound it by).</summary>
    public static bool IsValidResidentId(string id) => ResidentIdDetector.IsValid(Encoding.UTF8.GetBytes(id), DetectorContext.NoCaptureDate);

    /// <summary>True when the 17-character text is a VIN with a valid check digit.</summary>
    public static bool IsValidVin(string vin) => VinDetector.IsValid(Encoding.UTF8.GetBytes(vin));

    internal static int Bit(DetectorKind kind) => 1 << (int)kind;

    /// <summary>Appends non-overlapping matches of the enabled detectors (a bit set of <see cref="Bit"/>) in already normalized
    /// text (see <see cref="TextNormalizer"/>), in text order; <see cref="IdentifierScanner"/> normalizes first.</summary>
    /// <remarks>With <paramref name="stopKinds"/>, the scan ends at the first match of one of those kinds (callers that only
    /// need the highest level pass the detectors of the highest level). Not while an e-mail address could still take over
    /// the match (an '@' in the text and the e-mail detector on), so the matches found are always the full scan's first ones.</remarks>
    internal static void ScanNormalized(ReadOnlySpan<byte> text, int enabled, List<DetectorMatch> results, in DetectorContext context, int stopKinds = 0)
    {
        // Most values hold no digit; then only e-mail (needs '@'), plates (need a CJK byte) and all-letter VINs can match.
        if (text.IndexOfAnyInRange((byte)'0', (byte)'9') < 0)
        {
            var possible = (text.Contains((byte)'@') ? Bit(DetectorKind.Email) : 0)
                | (text.IndexOfAnyInRange((byte)0xE4, (byte)0xE9) >= 0 ? Bit(DetectorKind.Plate) : 0)
                | (text.Length >= 17 ? Bit(DetectorKind.Vin) : 0);
            enabled &= possible;
            if (enabled == 0)
            {
                return;
            }
        }
        else if ((enabled & NeedNoDigits) == 0 && !AnyRunMayMatch(text, enabled))
        {
            // No run of digits has the shape any enabled detector needs (timestamps, versions, short ids).
            return;
        }

        if (On(enabled, DetectorKind.Email) && text.Contains((byte)'@'))
        {
            stopKinds = 0;
        }

        ScanAll(text, enabled, results, context, skipIdleBytes: true, stopKinds);
    }

    /// <summary>The scan itself, byte by byte, without the prefilters of <see cref="ScanNormalized"/> (tests check they change nothing).
    /// With <paramref name="skipIdleBytes"/> it jumps over bytes that cannot start a match: inside a run of letters and digits
    /// (<see cref="SkipInsideToken"/>) and, without the plate detector, Chinese text.</summary>
    internal static void ScanAll(ReadOnlySpan<byte> text, int enabled, List<DetectorMatch> results, in DetectorContext context, bool skipIdleBytes = false, int stopKinds = 0)
    {
        var skipChinese = skipIdleBytes && !On(enabled, DetectorKind.Plate);
        var i = 0;
        while (i < text.Length)
        {
            if (skipChinese)
            {
                var skip = text[i..].IndexOfAny(AsciiMatchStarts);
                if (skip < 0)
                {
                    break;
                }

                i += skip;
            }

            if (skipIdleBytes && AsciiBytes.LetterOrDigitAt(text, i - 1) && AsciiBytes.IsLetterOrDigit(text[i]))
            {
                i = SkipInsideToken(text, i);
                if (i >= text.Length)
                {
                    break;
                }
            }

            var b = text[i];
            DetectorMatch match = default;
            var found = false;
            var next = i + 1;
            if (AsciiBytes.IsDigit(b))
            {
                // Only the start of a digit run is a candidate; the run is measured once and the scan jumps past it.
                if (!AsciiBytes.DigitAt(text, i - 1))
                {
                    var runEnd = AsciiBytes.DigitRunEnd(text, i);
                    found = TryDigitRun(text, i, runEnd, enabled, context, out match);
                    next = runEnd;
                }

                if (!found && !AsciiBytes.LetterOrDigitAt(text, i - 1))
                {
                    found = TryAlnumToken(text, i, enabled, out match);
                }
            }
            else if (AsciiBytes.IsLetter(b))
            {
                if (!AsciiBytes.LetterOrDigitAt(text, i - 1))
                {
                    found = TryAlnumToken(text, i, enabled, out match);
                }
            }
            else if (b == '+')
            {
                if (On(enabled, DetectorKind.Mobile) && MobileDetector.TryMatchAt(text, i, out var length))
                {
                    match = new DetectorMatch(DetectorKind.Mobile, i, length);
                    found = true;
                }
            }
            else if (b == '@')
            {
                if (On(enabled, DetectorKind.Email) && EmailDetector.TryMatchAround(text, i, out var start, out var length))
                {
                    // The local part may already have been taken for a phone number: the address wins.
                    while (results.Count > 0 && results[^1].Start + results[^1].Length > start)
                    {
                        results.RemoveAt(results.Count - 1);
                    }

                    match = new DetectorMatch(DetectorKind.Email, start, length);
                    found = true;
                }
            }
            else if (PlateDetector.MayStartPlate(b))
            {
                if (On(enabled, DetectorKind.Plate) && PlateDetector.TryMatchAt(text, i, out var length))
                {
                    match = new DetectorMatch(DetectorKind.Plate, i, length);
                    found = true;
                }
            }

            if (found)
            {
                results.Add(match);
                if ((stopKinds & Bit(match.Kind)) != 0)
                {
                    return;
                }

                next = match.Start + match.Length;
            }

            i = Math.Max(next, i + 1);
        }
    }

    /// <summary>
    /// From a position inside a run of letters and digits, the next position a match could start at. Inside a token no
    /// detector starts at a letter (VINs, passports and ICCIDs start a token), at the inside of a digit run, or at a run of
    /// one digit (every digit-run detector needs at least two: "86" of +86, 3-4-4 phones, groups of 4 and 6, or whole
    /// numbers); a coordinate needs no letter before it. So a long "a1a1a1..." run costs a tight loop, not a detector call
    /// per digit. Stops at a digit run of two or more, or at the first byte that is neither letter nor digit.
    /// </summary>
    private static int SkipInsideToken(ReadOnlySpan<byte> text, int i)
    {
        while (i < text.Length)
        {
            var b = text[i];
            if (AsciiBytes.IsDigit(b))
            {
                if (!AsciiBytes.IsDigit(text[i - 1]) && AsciiBytes.DigitAt(text, i + 1))
                {
                    return i;
                }
            }
            else if (!AsciiBytes.IsLetter(b))
            {
                return i;
            }

            i++;
        }

        return i;
    }

    /// <summary>The bytes at which <see cref="ScanAll"/> acts when the plate detector (CJK lead bytes) is off.</summary>
    private static readonly SearchValues<byte> AsciiMatchStarts =
        SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+@"u8);

    /// <summary>Detectors that can match without a run of digits (all-letter VINs and plates, e-mail addresses).</summary>
    private const int NeedNoDigits = (1 << (int)DetectorKind.Vin) | (1 << (int)DetectorKind.Plate) | (1 << (int)DetectorKind.Email);

    /// <summary>
    /// True when some run of consecutive ASCII digits could belong to a match of an enabled digit detector. Every match holds
    /// a run of a known shape: an ID number a run of 17 or more, 15 (first generation), or the 6 of its first group; a Hong Kong
    /// ID 6 or 7 after its letters; a Taiwan ID 9 after its letter; a bank card 16 or more, or a
    /// first group of 4 starting 3-6; an IMEI 15; a passport 7 after its letters; a mobile number 11, or a group of 4 (3-4-4,
    /// 0086); an ICCID 4 or more starting 8986; a coordinate 3 decimals after a point. Timestamps, versions and short ids hold
    /// none of these, so most texts are ruled out in one vectorized pass over their digit runs.
    /// </summary>
    private static bool AnyRunMayMatch(ReadOnlySpan<byte> text, int enabled)
    {
        // Any run this long matches some enabled detector's shape; shorter runs need a closer look (most runs are 1-2 digits).
        var anyLongerThan = On(enabled, DetectorKind.Mobile) ? 4 : On(enabled, DetectorKind.Passport) ? 7 : On(enabled, DetectorKind.Imei) ? 15
            : On(enabled, DetectorKind.BankCard) ? 16 : On(enabled, DetectorKind.ResidentId) ? 17 : int.MaxValue;
        var i = 0;
        while (i < text.Length)
        {
            var start = text[i..].IndexOfAnyInRange((byte)'0', (byte)'9');
            if (start < 0)
            {
                return false;
            }

            i += start;
            var run = text[i..].IndexOfAnyExceptInRange((byte)'0', (byte)'9');
            if (run < 0)
            {
                run = text.Length - i;
            }

            if (run >= 3 && (run >= anyLongerThan || MayMatch(text, i, run, enabled)))
            {
                return true;
            }

            i += run;
        }

        return false;
    }

    /// <summary>The shapes of <see cref="AnyRunMayMatch"/> for one run of at least 3 digits at <paramref name="i"/>.</summary>
    private static bool MayMatch(ReadOnlySpan<byte> text, int i, int run, int enabled) =>
        (On(enabled, DetectorKind.ResidentId) && (run >= 17 || run == 6 || run == 15))
        || (On(enabled, DetectorKind.HongKongId) && run is 6 or 7)
        || (On(enabled, DetectorKind.TaiwanId) && run == 9)
        || (On(enabled, DetectorKind.BankCard) && (run >= 16 || (run == 4 && text[i] >= '3' && text[i] <= '6')))
        || (On(enabled, DetectorKind.Imei) && run >= 15)
        || (On(enabled, DetectorKind.Passport) && run >= 7)
        || (On(enabled, DetectorKind.Mobile) && run >= 4)
        || (On(enabled, DetectorKind.Iccid) && run >= 4 && text[i..].StartsWith("8986"u8))
        || (On(enabled, DetectorKind.Coordinates) && i > 0 && text[i - 1] == '.');

    private static bool On(int enabled, DetectorKind kind) => (enabled & Bit(kind)) != 0;

    private static bool TryDigitRun(ReadOnlySpan<byte> text, int start, int runEnd, int enabled, in DetectorContext context, out DetectorMatch match)
    {
        int length;
        if (On(enabled, DetectorKind.ResidentId)
            && (ResidentIdDetector.TryMatchAt(text, start, context.LatestBirthDate, out length)
                || GroupedNumbers.TryMatchResidentId(text, start, runEnd, context.LatestBirthDate, out length)
                || ResidentIdDetector.TryMatchFirstGenerationAt(text, start, runEnd, context, out length)))
        {
            match = new DetectorMatch(DetectorKind.ResidentId, start, length);
            return true;
        }

        if (On(enabled, DetectorKind.Iccid) && NumberDetectors.TryMatchIccid(text, start, out length))
        {
            match = new DetectorMatch(DetectorKind.Iccid, start, length);
            return true;
        }

        if (On(enabled, DetectorKind.Mobile) && MobileDetector.TryMatchAt(text, start, out length))
        {
            match = new DetectorMatch(DetectorKind.Mobile, start, length);
            return true;
        }

        if (On(enabled, DetectorKind.BankCard)
            && (NumberDetectors.TryMatchBankCard(text, start, runEnd, out length) || GroupedNumbers.TryMatchBankCard(text, start, runEnd, out length)))
        {
            match = new DetectorMatch(DetectorKind.BankCard, start, length);
            return true;
        }

        if (On(enabled, DetectorKind.Imei) && NumberDetectors.TryMatchImei(text, start, runEnd, out length))
        {
            match = new DetectorMatch(DetectorKind.Imei, start, length);
            return true;
        }

        if (On(enabled, DetectorKind.Coordinates) && runEnd - start <= 3 && CoordinateDetector.TryMatchAt(text, start, out length))
        {
            match = new DetectorMatch(DetectorKind.Coordinates, start, length);
            return true;
        }

        match = default;
        return false;
    }

    private static bool TryAlnumToken(ReadOnlySpan<byte> text, int start, int enabled, out DetectorMatch match)
    {
        int length;
        if (On(enabled, DetectorKind.Vin) && VinDetector.TryMatchAt(text, start, out length))
        {
            match = new DetectorMatch(DetectorKind.Vin, start, length);
            return true;
        }

        if (On(enabled, DetectorKind.Passport) && PassportDetector.TryMatchAt(text, start, out length))
        {
            match = new DetectorMatch(DetectorKind.Passport, start, length);
            return true;
        }

        if (On(enabled, DetectorKind.Iccid) && NumberDetectors.TryMatchIccid(text, start, out length))
        {
            match = new DetectorMatch(DetectorKind.Iccid, start, length);
            return true;
        }

        if (AsciiBytes.IsLetter(text[start]) && On(enabled, DetectorKind.HongKongId) && HongKongIdDetector.TryMatchAt(text, start, out length))
        {
            match = new DetectorMatch(DetectorKind.HongKongId, start, length);
            return true;
        }

        if (AsciiBytes.IsLetter(text[start]) && On(enabled, DetectorKind.TaiwanId) && TaiwanIdDetector.TryMatchAt(text, start, out length))
        {
            match = new DetectorMatch(DetectorKind.TaiwanId, start, length);
            return true;
        }

        match = default;
        return false;
    }
}
