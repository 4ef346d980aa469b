using System.Buffers;
using System.Globalization;
using System.Text;
using Residency.Classification.Streaming;

namespace Residency.Classification.Detectors;

/// <summary>
/// Rewrites the ways people type identifiers into the ASCII forms the detectors read: full-width digits, letters and the
/// symbols identifiers contain (<c>+ - . @ _ %</c>; typed by Chinese input methods) become ASCII, the ideographic and no-break
/// spaces a space, dash variants '-', and middle-dot variants '·' (U+00B7). Everything else is copied unchanged, so offsets
/// map back to the original text by the change points. Full-width punctuation (<c>，：（）</c>) is left alone: it is in most
/// Chinese text and changes no boundary, so such text needs no copy (the coordinate detector reads '，' itself).
/// Invisible format characters (Unicode category Cf: U+200B, U+200D, U+2060, U+FEFF, U+00AD...) are removed when
/// <see cref="RemoveFormat"/> is set, so an identifier with one inside is read whole; <see cref="FormatSeen"/> tells the
/// caller to read the text once more with them kept, where they separate what they stand between.
/// </summary>
internal sealed class TextNormalizer
{
    // Lead bytes of every character this rewrites: C2 (U+00A0, U+00AD), E2 (dashes, bullets, U+2212, U+22C5, U+200B-U+206F),
    // E3 (U+3000, U+30FB), EF (U+FFxx, U+FEFF), and those of the other format characters (D8, DB, DC, E0, E1, F0, F3). CJK
    // ideographs (E4-E9) are none of them, so Chinese text is still passed over by one vectorized search.
    private static readonly SearchValues<byte> LeadBytes = SearchValues.Create([0xC2, 0xD8, 0xDB, 0xDC, 0xE0, 0xE1, 0xE2, 0xE3, 0xEF, 0xF0, 0xF3]);

    // Per change: the offsets just after it in the normalized and in the original text (a first entry (0, 0) is implied).
    private readonly List<(int Normalized, int Original)> _changes = [];

    // The last change point at or before the offset asked for last (-1: before the first change).
    private int _cursor = -1;

    /// <summary>The normalized text of the last <see cref="Normalize"/> that returned true.</summary>
    public ByteBuffer Output { get; } = new();

    /// <summary>Whether <see cref="Normalize"/> removes format characters (true) or keeps them as they are.</summary>
    public bool RemoveFormat { get; set; } = true;

    /// <summary>True when the last <see cref="Normalize"/> met a format character (removed or not).</summary>
    public bool FormatSeen { get; private set; }

    /// <summary>Normalizes <paramref name="text"/> into <see cref="Output"/>; false (and nothing written) when it has nothing to rewrite.</summary>
    public bool Normalize(ReadOnlySpan<byte> text)
    {
        _changes.Clear();
        _cursor = -1;
        FormatSeen = false;
        Output.Truncate(0);
        var copied = 0;
        var i = text.IndexOfAny(LeadBytes);
        while (i >= 0 && i < text.Length)
        {
            var consumed = TryMap(text[i..], out var replacement);
            if (consumed == 0)
            {
                var next = text[(i + 1)..].IndexOfAny(LeadBytes);
                i = next < 0 ? -1 : i + 1 + next;
                continue;
            }

            Output.Append(text[copied..i]);
            Output.Append(replacement);
            i += consumed;
            copied = i;
            _changes.Add((Output.Length, i));
            var following = text[i..].IndexOfAny(LeadBytes);
            i = following < 0 ? -1 : i + following;
        }

        if (_changes.Count == 0)
        {
            return false;
        }

        Output.Append(text[copied..]);
        return true;
    }

    /// <summary>Gives back oversized buffers after an unusually large text, so idle threads do not pin memory.</summary>
    public void Trim(int maxRetainedBytes)
    {
        Output.Trim(maxRetainedBytes);
        _changes.Clear();
        if (_changes.Capacity > maxRetainedBytes / 8)
        {
            _changes.Capacity = maxRetainedBytes / 8;
        }
    }

    /// <summary>The offset in the original text of an offset in the normalized text (a character boundary of both). Offsets are
    /// asked for in increasing order after each <see cref="Normalize"/> (match starts and ends), so a cursor walks the change
    /// points once instead of searching them per match: text dense with full-width punctuation and identifiers stays linear.</summary>
    public int ToOriginal(int normalizedOffset)
    {
        if (_cursor >= 0 && _changes[_cursor].Normalized > normalizedOffset)
        {
            _cursor = -1;
        }

        while (_cursor + 1 < _changes.Count && _changes[_cursor + 1].Normalized <= normalizedOffset)
        {
            _cursor++;
        }

        return _cursor < 0 ? normalizedOffset : _changes[_cursor].Original + (normalizedOffset - _changes[_cursor].Normalized);
    }

    /// <summary>True when <paramref name="text"/> holds only spaces and format characters (what may surround a whole value).</summary>
    public static bool IsBlank(ReadOnlySpan<byte> text)
    {
        while (!text.IsEmpty)
        {
            if (text[0] == ' ')
            {
                text = text[1..];
                continue;
            }

            if (Rune.DecodeFromUtf8(text, out var rune, out var consumed) != OperationStatus.Done || Rune.GetUnicodeCategory(rune) != UnicodeCategory.Format)
            {
                return false;
            }

            text = text[consumed..];
        }

        return true;
    }

    /// <summary>The UTF-8 length of the character at the start of <paramref name="text"/> when it is rewritten (or removed:
    /// <paramref name="replacement"/> empty), else 0.</summary>
    private int TryMap(ReadOnlySpan<byte> text, out ReadOnlySpan<byte> replacement)
    {
        replacement = default;
        if (text[0] < 0xE0)
        {
            if (text[0] == 0xC2 && text.Length >= 2 && text[1] == 0xA0)
            {
                replacement = " "u8;
                return 2;
            }

            return FormatLength(text);
        }

        if (text[0] >= 0xF0)
        {
            return FormatLength(text);
        }

        if (text.Length < 3)
        {
            return 0;
        }

        var codePoint = ((text[0] & 0x0F) << 12) | ((text[1] & 0x3F) << 6) | (text[2] & 0x3F);
        if ((text[1] & 0xC0) != 0x80 || (text[2] & 0xC0) != 0x80)
        {
            return 0;
        }

        if (codePoint is (>= 0xFF10 and <= 0xFF19) or (>= 0xFF21 and <= 0xFF3A) or (>= 0xFF41 and <= 0xFF5A)
            or 0xFF0B or 0xFF0D or 0xFF0E or 0xFF20 or 0xFF3F or 0xFF05)
        {
            replacement = AsciiTable.Slice(codePoint - 0xFF01, 1);
            return 3;
        }

        replacement = codePoint switch
        {
            0x3000 => " "u8,
            0x2010 or 0x2011 or 0x2012 or 0x2013 or 0x2014 or 0x2212 => "-"u8,
            0x2022 or 0x2027 or 0x22C5 or 0x30FB or 0xFF65 => "·"u8,
            _ => default,
        };

        // U+3000-U+3FFF (CJK punctuation, kana) holds no format character: the common case in Chinese text skips the lookup.
        return !replacement.IsEmpty ? 3 : text[0] == 0xE3 ? 0 : FormatLength(text);
    }

    /// <summary>For a format character at the start of the text: its length when it is removed, else 0 (and it is noted as seen).</summary>
    private int FormatLength(ReadOnlySpan<byte> text)
    {
        if (Rune.DecodeFromUtf8(text, out var rune, out var consumed) != OperationStatus.Done || Rune.GetUnicodeCategory(rune) != UnicodeCategory.Format)
        {
            return 0;
        }

        FormatSeen = true;
        return RemoveFormat ? consumed : 0;
    }

    /// <summary>The ASCII characters U+0021-U+007E, indexed by full-width code point minus U+FF01.</summary>
    private static ReadOnlySpan<byte> AsciiTable => "!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"u8;
}
