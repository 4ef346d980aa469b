using Residency.Classification.Streaming;

namespace Residency.Classification.Detectors;

/// <summary>One identifier found in a text: where it is written (byte offsets into the scanned text) and its canonical form.</summary>
internal readonly record struct IdentifierMatch(DetectorKind Kind, int Start, int Length, int CanonicalStart, int CanonicalLength);

/// <summary>
/// Finds identifiers in any written form: normalizes the text (<see cref="TextNormalizer"/>), runs the detectors on it, maps
/// each match back to the original bytes and keeps its canonical form (<see cref="CanonicalForm"/>) for pseudonyms and masks.
/// Reused per thread (its buffers survive between texts); not thread-safe.
/// </summary>
internal sealed class IdentifierScanner
{
    /// <summary>Longer than any identifier as written (an e-mail address is at most 254 bytes; full-width forms triple a few).</summary>
    private const int MaxWholeValueBytes = 320;

    private readonly TextNormalizer _normalizer = new();
    private readonly List<DetectorMatch> _raw = [];
    private readonly List<IdentifierMatch> _merged = [];

    // Whether the property name of the text being scanned holds an ID keyword: see DetectorContext.NameHasKeyword.
    private int _nameKeyword;
    private readonly ByteBuffer _canonical = new();

    /// <summary>The latest birth date an ID number may carry, yyyymmdd: the capture date of the upload being classified.</summary>
    public int LatestBirthDate { get; set; } = DetectorContext.NoCaptureDate;

    /// <summary>The matches of the last <see cref="Scan"/>, in text order.</summary>
    public List<IdentifierMatch> Matches { get; } = [];

    /// <summary>Finds the identifiers of the enabled detectors (a bit set of <see cref="ValueDetectors.Bit"/>) in UTF-8 text;
    /// with <paramref name="stopKinds"/>, stops at the first match of those kinds (see <see cref="ValueDetectors.ScanNormalized"/>).
    /// <paramref name="fieldName"/> is the property name of the value, where an ID keyword makes a first-generation ID count.</summary>
    /// <remarks>A text holding invisible format characters (Cf) is read twice: with them removed, so an identifier they were put
    /// inside (by a chat app, or to evade) is read whole, and with them kept, where they separate what they stand between
    /// (<c>13800138000\u200B13900139000</c>). The matches of both readings count; see <see cref="MergeSecondReading"/>.</remarks>
    public void Scan(ReadOnlySpan<byte> text, int enabled, int stopKinds = 0, ReadOnlySpan<byte> fieldName = default)
    {
        Matches.Clear();
        _canonical.Truncate(0);
        if (enabled == 0)
        {
            return;
        }

        _nameKeyword = 0;
        var context = new DetectorContext(LatestBirthDate, fieldName, ref _nameKeyword);
        _normalizer.RemoveFormat = true;
        ScanReading(text, enabled, stopKinds, context);
        if (!_normalizer.FormatSeen)
        {
            return;
        }

        var first = Matches.Count;
        _normalizer.RemoveFormat = false;
        ScanReading(text, enabled, stopKinds, context);
        MergeSecondReading(first);
    }

    /// <summary>Normalizes the text, runs the detectors and appends their matches, mapped back to the text as written.</summary>
    private void ScanReading(ReadOnlySpan<byte> text, int enabled, int stopKinds, in DetectorContext context)
    {
        _raw.Clear();
        var normalized = _normalizer.Normalize(text);
        ReadOnlySpan<byte> scanned = normalized ? _normalizer.Output.Written : text;
        ValueDetectors.ScanNormalized(scanned, enabled, _raw, context, stopKinds);
        foreach (var m in _raw)
        {
            var canonicalStart = _canonical.Length;
            CanonicalForm.Append(m.Kind, scanned.Slice(m.Start, m.Length), _canonical);
            var start = normalized ? _normalizer.ToOriginal(m.Start) : m.Start;
            var end = normalized ? _normalizer.ToOriginal(m.Start + m.Length) : m.Start + m.Length;
            Matches.Add(new IdentifierMatch(m.Kind, start, end - start, canonicalStart, _canonical.Length - canonicalStart));
        }
    }

    /// <summary>
    /// Joins the matches of the second reading (from <paramref name="first"/> on) with the first's, in text order. A match both
    /// readings found (same kind and canonical form, overlapping) counts once. Other overlaps are cut so spans never overlap: the
    /// later match starts where the earlier ends (possibly with length 0), so rewriting the text replaces every byte of both and
    /// inserts both replacements. Linear: both lists are already in text order.
    /// </summary>
    private void MergeSecondReading(int first)
    {
        _merged.Clear();
        int a = 0, b = first, end = 0;
        while (a < first || b < Matches.Count)
        {
            var takeFirst = b >= Matches.Count || (a < first && Matches[a].Start <= Matches[b].Start);
            var next = Matches[takeFirst ? a++ : b++];
            if (_merged.Count > 0 && next.Start < end)
            {
                var previous = _merged[^1];
                if (previous.Kind == next.Kind && Canonical(previous).SequenceEqual(Canonical(next)))
                {
                    // One identifier both readings found: the wider span covers both.
                    var widened = Math.Max(end, next.Start + next.Length);
                    _merged[^1] = previous with { Length = widened - previous.Start };
                    end = widened;
                    continue;
                }

                var nextEnd = Math.Max(end, next.Start + next.Length);
                next = next with { Start = end, Length = nextEnd - end };
            }

            _merged.Add(next);
            end = Math.Max(end, next.Start + next.Length);
        }

        Matches.Clear();
        Matches.AddRange(_merged);
    }

    /// <summary>Forgets the matches and gives back oversized buffers after an unusually large text.</summary>
    public void Trim(int maxRetained)
    {
        Matches.Clear();
        _raw.Clear();
        _merged.Clear();
        _canonical.Trim(maxRetained);
        _normalizer.Trim(maxRetained);
    }

    /// <summary>The canonical form of a match of the last scan.</summary>
    public ReadOnlySpan<byte> Canonical(IdentifierMatch match) => _canonical.Slice(match.CanonicalStart, match.CanonicalLength);

    /// <summary>True when the whole value (spaces and format characters around it aside) is one identifier; gives its canonical form. Replaces <see cref="Matches"/>.</summary>
    public bool TryWholeValue(ReadOnlySpan<byte> value, out ReadOnlySpan<byte> canonical) => TryWholeValue(value, out canonical, out _);

    /// <summary>As <see cref="TryWholeValue(ReadOnlySpan{byte}, out ReadOnlySpan{byte})"/>, also giving the detector that matched.</summary>
    public bool TryWholeValue(ReadOnlySpan<byte> value, out ReadOnlySpan<byte> canonical, out DetectorKind kind)
    {
        canonical = default;
        kind = default;
        if (value.Length > MaxWholeValueBytes)
        {
            return false;
        }

        Scan(value, ValueDetectors.AllKinds);
        if (Matches.Count != 1)
        {
            return false;
        }

        var match = Matches[0];
        if (!TextNormalizer.IsBlank(value[..match.Start]) || !TextNormalizer.IsBlank(value[(match.Start + match.Length)..]))
        {
            return false;
        }

        canonical = Canonical(match);
        kind = match.Kind;
        return true;
    }
}
