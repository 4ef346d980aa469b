using System.Globalization;
using System.Text;
using Residency.Classification.Policy;

namespace Residency.Classification.Streaming;

/// <summary>
/// Property names that are identifiers: a map keyed by phone numbers, ID numbers or VINs (paired phones, contacts synced
/// from a head unit). A name the policy does not know is scanned like a value; one holding an identifier above its member's
/// level raises the member, and is written as the pseudonyms of the identifiers in it.
/// </summary>
internal ref partial struct UploadWalker
{
    /// <summary>Shorter than any identifier (the shortest, an e-mail address like <c>a@b.cn</c>, has 6 bytes).</summary>
    private const int ShortestIdentifierBytes = 6;

    /// <summary>
    /// Scans an unknown property name of the object at <paramref name="depth"/> with the detectors above its member's level
    /// (the level the name's value would get: the inherited rule, or a name further up). When one matches, every identifier
    /// in the name (detectors at or above that level) is replaced by the pseudonym of its canonical form, and the name is
    /// pointed at that text; returns the highest detector rule matched, or null.
    /// </summary>
    private PolicyRule? ScanName(int depth, ref int nameStart, ref int nameLength)
    {
        var name = Name(nameStart, nameLength);
        if (!MayHoldIdentifier(name))
        {
            return null;
        }

        ref var frame = ref _s.Frames[depth];
        var floor = frame.Floor is not null && frame.Floor.Level > frame.Inherited.Level ? frame.Floor : frame.Inherited;
        var level = (int)floor.Level;
        if (_policy.DetectorsAbove[level] == 0)
        {
            return null;
        }

        var scanner = Scanner;
        scanner.Scan(name, _policy.DetectorsAbove[level], _policy.HighestDetectorsAbove[level]);
        if (scanner.Matches.Count == 0)
        {
            return null;
        }

        var raised = HighestDetectorRule(floor);
        scanner.Scan(name, _policy.DetectorsAtOrAbove[level]);
        AddMatchSubjects();

        // Built in the scratch buffer (the name may live in the name arena, which the copy below can move).
        var scratchStart = _s.Scratch.Length;
        var position = 0;
        foreach (var match in scanner.Matches)
        {
            _s.Scratch.Append(name[position..match.Start]);
            ValueTransforms.Pseudonymize(scanner.Canonical(match), _key, _s.Scratch);
            position = match.Start + match.Length;
        }

        _s.Scratch.Append(name[position..]);
        MakeDistinct(ref frame, scratchStart);
        var replacement = _s.Scratch.Written[scratchStart..];
        nameStart = ~_s.Names.Length;
        nameLength = replacement.Length;
        _s.Names.Append(replacement);
        _s.Scratch.Truncate(scratchStart);
        return raised;
    }

    /// <summary>Cheap test before a scan: every identifier needs 6 bytes and a digit, an '@', a non-ASCII byte (a plate's
    /// province, full-width forms) or 17 letters (a VIN). Ordinary names (<c>speedKph</c>, <c>seatProfile</c>) fail it.</summary>
    private static bool MayHoldIdentifier(ReadOnlySpan<byte> name) =>
        name.Length >= ShortestIdentifierBytes
        && (name.Length >= 17 || name.IndexOfAnyInRange((byte)'0', (byte)'9') >= 0 || name.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0 || name.Contains((byte)'@'));

    /// <summary>Makes the replacement in the scratch buffer (from <paramref name="scratchStart"/>) distinct from the object's
    /// earlier ones with <c>~2</c>, <c>~3</c>...: two writings of one identifier (<c>13800138000</c>, <c>+86 138 0013 8000</c>)
    /// give one pseudonym, and a stored object must not hold a name twice. Names are remembered by fingerprint.</summary>
    private readonly void MakeDistinct(ref Frame frame, int scratchStart)
    {
        frame.NameReplacements ??= [];
        var length = _s.Scratch.Length;
        for (var n = 2; !frame.NameReplacements.Add(Fingerprint.Of(_s.Scratch.Written[scratchStart..])); n++)
        {
            _s.Scratch.Truncate(length);
            _s.Scratch.Append((byte)'~');
            _s.Scratch.Append(Encoding.ASCII.GetBytes(n.ToString(CultureInfo.InvariantCulture)));
        }
    }
}
