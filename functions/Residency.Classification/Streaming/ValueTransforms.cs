using System.Buffers;
using System.Text;
using Residency.Classification.Detectors;
using Residency.Classification.Policy;

namespace Residency.Classification.Streaming;

/// <summary>The value-level actions: mask (per character), pseudonymize (HMAC hex), generalize (grid, truncation).</summary>
internal static class ValueTransforms
{
    /// <summary>Masks UTF-8 text character by character into <paramref name="output"/>.</summary>
    public static void Mask(ReadOnlySpan<byte> utf8, RuleAction action, ByteBuffer output)
    {
        if (Ascii.IsValid(utf8))
        {
            MaskAscii(utf8, action, output);
            return;
        }

        MaskRunes(utf8, action, output);
    }

    /// <summary>Masks any UTF-8 text rune by rune (the general path of <see cref="Mask"/>).</summary>
    internal static void MaskRunes(ReadOnlySpan<byte> utf8, RuleAction action, ByteBuffer output)
    {
        var runes = 0;
        var keepFromRune = int.MaxValue;
        var keepFrom = action.KeepFrom is null ? -1 : action.KeepFrom[0];
        for (var i = 0; i < utf8.Length;)
        {
            Rune.DecodeFromUtf8(utf8[i..], out var rune, out var consumed);
            if (keepFromRune == int.MaxValue && rune.Value == keepFrom)
            {
                keepFromRune = runes;
            }

            runes++;
            i += consumed;
        }

        var index = 0;
        for (var i = 0; i < utf8.Length;)
        {
            Rune.DecodeFromUtf8(utf8[i..], out _, out var consumed);
            var keep = index < action.KeepFirst || index >= runes - action.KeepLast || index >= keepFromRune;
            if (keep)
            {
                output.Append(utf8.Slice(i, consumed));
            }
            else
            {
                output.Append((byte)'*');
            }

            index++;
            i += consumed;
        }
    }

    /// <summary>The same as <see cref="Mask"/> for ASCII text, where every byte is one character.</summary>
    private static void MaskAscii(ReadOnlySpan<byte> ascii, RuleAction action, ByteBuffer output)
    {
        var keepFrom = action.KeepFrom is null ? -1 : action.KeepFrom[0];
        var keepFromIndex = keepFrom is >= 0 and < 128 ? ascii.IndexOf((byte)keepFrom) : -1;
        if (keepFromIndex < 0)
        {
            keepFromIndex = int.MaxValue;
        }

        var masked = output.GetSpan(ascii.Length);
        for (var i = 0; i < ascii.Length; i++)
        {
            var keep = i < action.KeepFirst || i >= ascii.Length - action.KeepLast || i >= keepFromIndex;
            masked[i] = keep ? ascii[i] : (byte)'*';
        }

        output.Advance(ascii.Length);
    }

    /// <summary>Appends the 64 lowercase hex characters of the HMAC of the value.</summary>
    public static void Pseudonymize(ReadOnlySpan<byte> utf8, PseudonymizationKey key, ByteBuffer output)
    {
        key.WriteHex(utf8, output.GetSpan(64));
        output.Advance(64);
    }

    /// <summary>Snaps a number to the nearest multiple of the grid, rounded so the output carries no float noise.</summary>
    public static double SnapToGrid(double value, RuleAction action)
    {
        var grid = action.Grid!.Value;
        return Math.Round(Math.Round(value / grid) * grid, action.GridDecimals);
    }

    /// <summary>Truncates a timestamp (converted to UTC) to the action's unit.</summary>
    public static DateTime Truncate(DateTimeOffset value, TimestampUnit unit)
    {
        var utc = value.UtcDateTime;
        var ticks = unit switch
        {
            TimestampUnit.Second => TimeSpan.TicksPerSecond,
            TimestampUnit.Minute => TimeSpan.TicksPerMinute,
            TimestampUnit.Hour => TimeSpan.TicksPerHour,
            _ => TimeSpan.TicksPerDay,
        };
        return new DateTime(utc.Ticks - (utc.Ticks % ticks), DateTimeKind.Utc);
    }

    /// <summary>
    /// For <c>yyyy-MM-ddTHH:mm:ss[.fffffff]Z</c> with a real date and time, writes <c>yyyy-MM-ddTHH:mm:ssZ</c>: the same text
    /// <see cref="Truncate"/> and Utf8JsonWriter produce, without parsing. False for any other form (the slow path handles it).
    /// </summary>
    public static bool TryTruncateUtcToSecond(ReadOnlySpan<byte> value, Span<byte> destination)
    {
        if (value.Length < 20 || value.Length > 28 || value[^1] != 'Z' || value[4] != '-' || value[7] != '-' || value[10] != 'T' || value[13] != ':' || value[16] != ':')
        {
            return false;
        }

        if (value.Length > 20 && (value[19] != '.' || value.Length == 21 || !IsAsciiDigitsOnly(value[20..^1])))
        {
            return false;
        }

        if (!TwoDigits(value, 5, out var month) || !TwoDigits(value, 8, out var day) || !TwoDigits(value, 11, out var hour)
            || !TwoDigits(value, 14, out var minute) || !TwoDigits(value, 17, out var second)
            || !TwoDigits(value, 0, out var century) || !TwoDigits(value, 2, out var yearInCentury))
        {
            return false;
        }

        var year = (century * 100) + yearInCentury;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        value[..19].CopyTo(destination);
        destination[19] = (byte)'Z';
        return true;
    }

    private static bool TwoDigits(ReadOnlySpan<byte> value, int at, out int number)
    {
        var high = value[at] - '0';
        var low = value[at + 1] - '0';
        number = (high * 10) + low;
        return (uint)high <= 9 && (uint)low <= 9;
    }

    /// <summary>Rewrites the scanner's matches inside a text with each detector's action; the rest of the text is kept.
    /// Pseudonyms and masks are taken of each identifier's canonical form, so every way of writing it gives one result.</summary>
    public static void TransformSpans(
        ReadOnlySpan<byte> utf8,
        IdentifierScanner scanner,
        PolicyRule?[] detectorRules,
        PseudonymizationKey key,
        ByteBuffer output)
    {
        var position = 0;
        foreach (var match in scanner.Matches)
        {
            output.Append(utf8[position..match.Start]);
            var action = detectorRules[(int)match.Kind]!.Action;
            switch (action.Kind)
            {
                case RuleActionKind.Keep:
                    output.Append(utf8.Slice(match.Start, match.Length));
                    break;
                case RuleActionKind.Pseudonymize:
                    Pseudonymize(scanner.Canonical(match), key, output);
                    break;
                case RuleActionKind.Mask:
                    Mask(scanner.Canonical(match), action, output);
                    break;
                case RuleActionKind.Generalize when action.Grid is not null:
                    // Only the coordinates detector may generalize (the policy loader checks): the pair snapped to the grid.
                    AppendSnappedPair(scanner.Canonical(match), action, output);
                    break;
                default:
                    // drop: the match leaves the text.
                    break;
            }

            position = match.Start + match.Length;
        }

        output.Append(utf8[position..]);
    }

    /// <summary>Writes a coordinate pair snapped to the action's grid, in the order written: <c>39.909,116.397</c>.</summary>
    private static void AppendSnappedPair(ReadOnlySpan<byte> canonicalPair, RuleAction action, ByteBuffer output)
    {
        var (first, second) = CoordinateDetector.Parse(canonicalPair);
        AppendNumber(SnapToGrid(first, action), output);
        output.Append((byte)',');
        AppendNumber(SnapToGrid(second, action), output);
    }

    private static void AppendNumber(double value, ByteBuffer output)
    {
        // Utf8Formatter writes the shortest round-trip form, independent of culture.
        System.Buffers.Text.Utf8Formatter.TryFormat(value, output.GetSpan(32), out var written);
        output.Advance(written);
    }

    public static bool IsAsciiDigitsOnly(ReadOnlySpan<byte> s) => s.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;

    public static readonly SearchValues<byte> MessageIdChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-"u8);
}
