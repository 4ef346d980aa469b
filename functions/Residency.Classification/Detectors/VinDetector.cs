namespace Residency.Classification.Detectors;

/// <summary>ISO 3779 VIN: 17 of [A-HJ-NPR-Z0-9] with a valid check digit in position 9.</summary>
internal static class VinDetector
{
    private static ReadOnlySpan<byte> Weights => [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

    /// <summary>Transliteration values for A..Z; 0 marks the letters a VIN never holds (I, O, Q).</summary>
    private static ReadOnlySpan<byte> LetterValues => [1, 2, 3, 4, 5, 6, 7, 8, 0, 1, 2, 3, 4, 5, 0, 7, 0, 9, 2, 3, 4, 5, 6, 7, 8, 9];

    /// <summary>True when the 17 characters use the VIN alphabet (either case); says nothing about the check digit.</summary>
    public static bool HasVinFormat(ReadOnlySpan<byte> vin)
    {
        if (vin.Length != 17)
        {
            return false;
        }

        foreach (var b in vin)
        {
            if (Value(b) < 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when the VIN has the right alphabet and a valid check digit.</summary>
    public static bool IsValid(ReadOnlySpan<byte> vin)
    {
        if (vin.Length != 17)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var v = Value(vin[i]);
            if (v < 0)
            {
                return false;
            }

            sum += v * Weights[i];
        }

        var check = sum % 11;
        var expected = check == 10 ? (byte)'X' : (byte)('0' + check);
        return AsciiBytes.ToUpper(vin[8]) == expected;
    }

    /// <summary>A match is a run of exactly 17 ASCII letters and digits that is a valid VIN.</summary>
    public static bool TryMatchAt(ReadOnlySpan<byte> text, int start, out int length)
    {
        length = 17;
        return start + 17 <= text.Length
            && !AsciiBytes.LetterOrDigitAt(text, start - 1)
            && !AsciiBytes.LetterOrDigitAt(text, start + 17)
            && IsValid(text.Slice(start, 17));
    }

    private static int Value(byte b)
    {
        if (AsciiBytes.IsDigit(b))
        {
            return b - '0';
        }

        b = AsciiBytes.ToUpper(b);
        if (!AsciiBytes.IsUpper(b))
        {
            return -1;
        }

        var v = LetterValues[b - 'A'];
        return v == 0 ? -1 : v;
    }
}
