using System.Buffers.Text;
using Residency.Classification.Streaming;

namespace Residency.Classification.Detectors;

/// <summary>
/// A decimal latitude/longitude pair written in text (<c>39.90872,116.39748</c>, <c>39.90872, 116.39748</c>,
/// <c>116.39748 39.90872</c>): two numbers of 1-3 digits, a point and at least 3 decimals (about 100 m), one inside China's
/// latitudes and the other inside its longitudes, in either order. Prices (2 decimals), versions (<c>2026.40.1</c>), times
/// and single numbers never match.
/// </summary>
internal static class CoordinateDetector
{
    /// <summary>China's bounding box, slightly widened: latitude 3.8-53.6 N, longitude 73.4-135.1 E.</summary>
    private const double MinLat = 3.8, MaxLat = 53.6, MinLon = 73.4, MaxLon = 135.1;

    /// <summary>At most this many spaces around the separator.</summary>
    private const int MaxSpaces = 3;

    /// <summary>A match starts at the first digit of a digit run.</summary>
    public static bool TryMatchAt(ReadOnlySpan<byte> text, int start, out int length)
    {
        length = 0;
        if (start > 0 && (AsciiBytes.IsLetterOrDigit(text[start - 1]) || text[start - 1] == '.'))
        {
            return false;
        }

        var firstEnd = NumberEnd(text, start);
        if (firstEnd < 0)
        {
            return false;
        }

        var i = SkipSpaces(text, firstEnd);
        var comma = CommaLength(text, i);
        if (comma > 0)
        {
            i = SkipSpaces(text, i + comma);
        }
        else if (i == firstEnd)
        {
            return false;
        }

        var secondEnd = NumberEnd(text, i);
        if (secondEnd < 0 || AsciiBytes.LetterAt(text, secondEnd) || (secondEnd < text.Length && text[secondEnd] == '.'))
        {
            return false;
        }

        if (!TryParse(text[start..firstEnd], out var a) || !TryParse(text[i..secondEnd], out var b) || !InChina(a, b))
        {
            return false;
        }

        length = secondEnd - start;
        return true;
    }

    /// <summary>The two numbers as written, joined by a comma: <c>39.90872,116.39748</c>.</summary>
    public static void AppendCanonical(ReadOnlySpan<byte> match, ByteBuffer output)
    {
        var (firstEnd, secondStart) = Split(match);
        output.Append(match[..firstEnd]);
        output.Append((byte)',');
        output.Append(match[secondStart..]);
    }

    /// <summary>The two numbers of a match (or of its canonical form), in the order written.</summary>
    public static (double First, double Second) Parse(ReadOnlySpan<byte> match)
    {
        var (firstEnd, secondStart) = Split(match);
        // A match was validated when it was found, so both numbers parse.
        return TryParse(match[..firstEnd], out var a) && TryParse(match[secondStart..], out var b)
            ? (a, b)
            : throw new FormatException("Not a coordinate pair.");
    }

    /// <summary>Where the first number ends and the second starts.</summary>
    private static (int FirstEnd, int SecondStart) Split(ReadOnlySpan<byte> match)
    {
        var firstEnd = NumberEnd(match, 0);
        var i = firstEnd;
        while (i < match.Length && !AsciiBytes.IsDigit(match[i]))
        {
            i++;
        }

        return (firstEnd, i);
    }

    /// <summary>The end of <c>d{1,3}.d{3,}</c> starting at <paramref name="start"/>, or -1.</summary>
    private static int NumberEnd(ReadOnlySpan<byte> text, int start)
    {
        var dot = AsciiBytes.DigitRunEnd(text, start);
        if (dot - start is < 1 or > 3 || dot >= text.Length || text[dot] != '.')
        {
            return -1;
        }

        var end = AsciiBytes.DigitRunEnd(text, dot + 1);
        return end - dot - 1 >= 3 ? end : -1;
    }

    /// <summary>1 for ',', 3 for the full-width '，' that Chinese text uses, else 0.</summary>
    private static int CommaLength(ReadOnlySpan<byte> text, int i) =>
        i < text.Length && text[i] == ',' ? 1 : text[i..].StartsWith("，"u8) ? 3 : 0;

    private static int SkipSpaces(ReadOnlySpan<byte> text, int i)
    {
        var limit = Math.Min(text.Length, i + MaxSpaces);
        while (i < limit && text[i] == ' ')
        {
            i++;
        }

        return i;
    }

    private static bool TryParse(ReadOnlySpan<byte> number, out double value) =>
        Utf8Parser.TryParse(number, out value, out var consumed) && consumed == number.Length;

    private static bool InChina(double a, double b) =>
        (IsLat(a) && IsLon(b)) || (IsLon(a) && IsLat(b));

    private static bool IsLat(double v) => v is >= MinLat and <= MaxLat;

    private static bool IsLon(double v) => v is >= MinLon and <= MaxLon;
}
