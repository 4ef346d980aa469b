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
    private readonly ByteBuffer _canonical = new();

    /// <summary>The latest birth date an ID number may carry, yyyymmdd: the capture date of the upload being classified.</summary>
    public int LatestBirthDate { get; set; } = DetectorContext.NoCaptureDate;

    /// <summary>The matches of the last <see cref="Scan"/>, in text order.</summary>
    public List<IdentifierMatch> Matches { get; } = [];

    /// <summary>Finds the identifiers of the enabled detectors (a bit set of <see cref="ValueDetectors.Bit"/>) in UTF-8 text;
    /// with <paramref name="stopKinds"/>, stops at the first match of those kinds (see <see cref="ValueDetectors.ScanNormalized"/>).</summary>
    public void Scan(ReadOnlySpan<byte> text, int enabled, int stopKinds = 0)
    {
        Matches.Clear();
        _raw.Clear();
        _canonical.Truncate(0);
        if (enabled == 0)
        {
            return;
        }

        var normalized = _normalizer.Normalize(text);
        ReadOnlySpan<byte> scanned = normalized ? _normalizer.Output.Written : text;
        ValueDetectors.ScanNormalized(scanned, enabled, _raw, new DetectorContext(LatestBirthDate), stopKinds);
        foreach (var m in _raw)
        {
            var canonicalStart = _canonical.Length;
            CanonicalForm.Append(m.Kind, scanned.Slice(m.Start, m.Length), _canonical);
            var start = normalized ? _normalizer.ToOriginal(m.Start) : m.Start;
            var end = normalized ? _normalizer.ToOriginal(m.Start + m.Length) : m.Start + m.Length;
            Matches.Add(new IdentifierMatch(m.Kind, start, end - start, canonicalStart, _canonical.Length - canonicalStart));
        }
    }

    /// <summary>Forgets the matches and gives back oversized buffers after an unusually large text.</summary>
    public void Trim(int maxRetained)
    {
        Matches.Clear();
        _raw.Clear();
        _canonical.Trim(maxRetained);
        _normalizer.Trim(maxRetained);
    }

    /// <summary>The canonical form of a match of the last scan.</summary>
    public ReadOnlySpan<byte> Canonical(IdentifierMatch match) => _canonical.Slice(match.CanonicalStart, match.CanonicalLength);

    /// <summary>True when the whole value (spaces around it aside) is one identifier; gives its canonical form. Replaces <see cref="Matches"/>.</summary>
    public bool TryWholeValue(ReadOnlySpan<byte> value, out ReadOnlySpan<byte> canonical)
    {
        canonical = default;
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
        if (value[..match.Start].Trim((byte)' ').Length != 0 || value[(match.Start + match.Length)..].Trim((byte)' ').Length != 0)
        {
            return false;
        }

        canonical = Canonical(match);
        return true;
    }
}
