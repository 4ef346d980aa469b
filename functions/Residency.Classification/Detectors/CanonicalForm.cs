using Residency.Classification.Streaming;

namespace Residency.Classification.Detectors;

/// <summary>
/// The one written form of an identifier that pseudonyms and masks are taken of, so every way of writing it gives one result:
/// separators (space, '-', '·') removed, letters upper-cased (e-mail addresses lower-cased), a mobile number without its
/// country code, a Hong Kong ID without brackets (<c>P1744686</c>) and a first-generation (15-digit) resident ID in its
/// 18-digit form. Works on the detector's (normalized) match, so full-width forms are already ASCII.
/// </summary>
internal static class CanonicalForm
{
    /// <summary>Appends the canonical form of a match of <paramref name="kind"/> to <paramref name="output"/>.</summary>
    public static void Append(DetectorKind kind, ReadOnlySpan<byte> match, ByteBuffer output)
    {
        if (kind == DetectorKind.Coordinates)
        {
            CoordinateDetector.AppendCanonical(match, output);
            return;
        }

        if (kind == DetectorKind.HongKongId)
        {
            foreach (var b in match)
            {
                // Brackets: '(' ')' and the bytes of the full-width ones (EF BC 88, EF BC 89) are dropped.
                if (AsciiBytes.IsLetterOrDigit(b))
                {
                    output.Append(AsciiBytes.ToUpper(b));
                }
            }

            return;
        }

        if (kind == DetectorKind.ResidentId && match.Length == 15)
        {
            ResidentIdDetector.AppendEighteenDigitForm(match, output);
            return;
        }

        var start = output.Length;
        var lower = kind == DetectorKind.Email;
        for (var i = 0; i < match.Length; i++)
        {
            var b = match[i];
            if (kind != DetectorKind.Email && (b is (byte)' ' or (byte)'-' or (byte)'+' || (b == 0xC2 && i + 1 < match.Length && match[i + 1] == 0xB7)))
            {
                i += b == 0xC2 ? 1 : 0;
                continue;
            }

            output.Append(lower ? AsciiBytes.ToLower(b) : AsciiBytes.ToUpper(b));
        }

        if (kind == DetectorKind.Mobile && output.Length - start > 11)
        {
            // +86 / 0086 / 86 prefixes: the number itself is the last 11 digits.
            output.Written[^11..].CopyTo(output.Slice(start, 11));
            output.Truncate(start + 11);
        }
    }
}
