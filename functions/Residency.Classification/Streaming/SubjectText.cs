using Residency.Classification.Detectors;

namespace Residency.Classification.Streaming;

/// <summary>
/// The form a value of an <c>identifies</c> path is counted by when it is not one identifier its kind's detector recognizes (an
/// account id, a landline in a phone field): spaces around it trimmed; for every kind but <c>account</c> (whose ids are exact)
/// also spaces, hyphens and brackets inside removed, letters upper-cased (e-mail addresses lower-cased).
/// </summary>
internal static class SubjectText
{
    public static void Append(SubjectKind kind, ReadOnlySpan<byte> value, ByteBuffer output)
    {
        value = value.Trim((byte)' ');
        if (kind == SubjectKind.Account)
        {
            output.Append(value);
            return;
        }

        foreach (var b in value)
        {
            if (b is (byte)' ' or (byte)'-' or (byte)'(' or (byte)')')
            {
                continue;
            }

            output.Append(kind == SubjectKind.Email ? AsciiBytes.ToLower(b) : AsciiBytes.ToUpper(b));
        }
    }
}
