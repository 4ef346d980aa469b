using System.Buffers;
using System.Buffers.Text;

namespace Residency.FunctionsHost;

/// <summary>
/// The host's usual events array: a JSON string holding <c>["&lt;base64&gt;","&lt;base64&gt;",...]</c>, in which the only
/// escapes are the quotes around each element (base64 needs no other). Each body is decoded straight from the request,
/// without unescaping the whole array into a copy first. Anything else (whitespace, other escapes, JSON bodies, bad
/// base64) is left to the general reader, which gives every element its reason.
/// </summary>
internal static class Base64Elements
{
    private static ReadOnlySpan<byte> Quote => "\\\""u8;

    /// <summary>Decodes every element, or returns false when the array is not in this form.</summary>
    /// <param name="rawString">The JSON string token as it stands in the request, its quotes included.</param>
    /// <param name="bodies">The decoded bodies, in order.</param>
    public static bool TryRead(ReadOnlySpan<byte> rawString, out List<(ReadOnlyMemory<byte>, string?)> bodies)
    {
        bodies = [];
        if (rawString is not [(byte)'"', (byte)'[', .. var rest, (byte)']', (byte)'"'])
        {
            return false;
        }

        while (!rest.IsEmpty)
        {
            if (!rest.StartsWith(Quote))
            {
                return false;
            }

            rest = rest[Quote.Length..];
            var end = rest.IndexOf((byte)'\\');
            if (end < 0 || !rest[end..].StartsWith(Quote) || bodies.Count == HostInvocationReader.MaxEvents)
            {
                return false;
            }

            var encoded = rest[..end];
            var padding = encoded.EndsWith("=="u8) ? 2 : encoded.EndsWith("="u8) ? 1 : 0;
            var body = new byte[Math.Max(0, (encoded.Length / 4 * 3) - padding)];
            if (Base64.DecodeFromUtf8(encoded, body, out _, out var written) != OperationStatus.Done || written != body.Length)
            {
                return false;
            }

            bodies.Add((body, null));
            rest = rest[(end + Quote.Length)..];
            if (!rest.IsEmpty && (rest[0] != (byte)',' || rest.Length == 1))
            {
                return false;
            }

            rest = rest.IsEmpty ? rest : rest[1..];
        }

        return true;
    }
}
