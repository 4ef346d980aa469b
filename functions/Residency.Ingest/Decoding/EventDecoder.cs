using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Unicode;

namespace Residency.Ingest.Decoding;

/// <summary>Turns a raw event body into UTF-8 text: gzip by property or magic bytes, with size and bomb limits.</summary>
public sealed class EventDecoder
{
    /// <summary>The application property that tells how the body is encoded.</summary>
    public const string ContentEncodingProperty = "contentEncoding";

    private const int ChunkBytes = 16 * 1024;
    private const int MinOutputBytes = 1024;
    private readonly EventDecoderOptions _options;

    /// <summary>Creates a decoder with the given limits (the defaults when null).</summary>
    public EventDecoder(EventDecoderOptions? options = null)
    {
        _options = options ?? EventDecoderOptions.Default;
    }

    /// <summary>Decodes one body; never throws for bad content, it returns a refusal with a reason instead.</summary>
    public DecodeResult Decode(ReadOnlyMemory<byte> body, IReadOnlyDictionary<string, string>? properties = null)
    {
        if (body.IsEmpty)
        {
            return DecodeResult.Refused(DecodeReasons.EmptyEvent, "The event body is empty.");
        }

        if (body.Length > _options.MaxEventBytes)
        {
            return DecodeResult.Refused(DecodeReasons.EventTooLarge,
                $"The event body has {body.Length} bytes; at most {_options.MaxEventBytes} are accepted.");
        }

        var declared = DeclaredEncoding(properties);
        bool gzip;
        switch (declared)
        {
            case null or "" or "identity":
                gzip = HasGzipMagic(body.Span);
                break;
            case "gzip":
                if (!HasGzipMagic(body.Span))
                {
                    return DecodeResult.Refused(DecodeReasons.InvalidGzip,
                        "The contentEncoding property says gzip but the body has no gzip header.", wasGzip: true);
                }

                gzip = true;
                break;
            default:
                return DecodeResult.Refused(DecodeReasons.UnsupportedEncoding,
                    "The contentEncoding property names an encoding other than gzip or identity.");
        }

        ReadOnlyMemory<byte> text = body;
        if (gzip)
        {
            var inflated = Inflate(body);
            if (!inflated.Succeeded)
            {
                return inflated;
            }

            text = inflated.Utf8;
        }

        if (!Utf8.IsValid(text.Span))
        {
            return DecodeResult.Refused(DecodeReasons.InvalidUtf8, "The body is not valid UTF-8.", gzip);
        }

        // Some device stacks prefix a byte order mark; JSON text must not carry one (RFC 8259).
        if (text.Span.StartsWith("\uFEFF"u8))
        {
            text = text[3..];
        }

        return DecodeResult.Ok(text, gzip);
    }

    /// <summary>Whether the bytes start with the gzip magic number and the deflate method.</summary>
    public static bool HasGzipMagic(ReadOnlySpan<byte> body) =>
        body.Length >= 3 && body[0] == 0x1f && body[1] == 0x8b && body[2] == 0x08;

    private static string? DeclaredEncoding(IReadOnlyDictionary<string, string>? properties)
    {
        if (properties is null)
        {
            return null;
        }

        foreach (var (name, value) in properties)
        {
            if (string.Equals(name, ContentEncodingProperty, StringComparison.OrdinalIgnoreCase))
            {
                return value.Trim().ToLowerInvariant();
            }
        }

        return null;
    }

    // Decompresses chunk by chunk and stops as soon as a limit is crossed, so a bomb never gets to allocate.
    private DecodeResult Inflate(ReadOnlyMemory<byte> compressed)
    {
        // Sized for a typical upload's expansion and grown by doubling: a small body must not cost a chunk-sized buffer.
        var output = new ArrayBufferWriter<byte>(Math.Min(_options.MaxDecodedBytes, Math.Max(MinOutputBytes, compressed.Length * 4)));
        try
        {
            using var source = new ReadOnlyMemoryStream(compressed);
            using var gzip = new GZipStream(source, CompressionMode.Decompress);
            while (true)
            {
                var free = output.GetSpan(1);
                var chunk = free.Length > ChunkBytes ? free[..ChunkBytes] : free;
                var read = gzip.Read(chunk);
                if (read == 0)
                {
                    break;
                }

                output.Advance(read);

                // The ratio is measured against the input consumed so far, so a bomb is caught early in its stream.
                if (output.WrittenCount > _options.RatioCheckFloorBytes &&
                    output.WrittenCount > Math.Max(1, source.Position) * (long)_options.MaxExpansionRatio)
                {
                    return DecodeResult.Refused(DecodeReasons.GzipBomb,
                        $"The gzip body expands more than {_options.MaxExpansionRatio} times its size.", wasGzip: true);
                }

                if (output.WrittenCount > _options.MaxDecodedBytes)
                {
                    return DecodeResult.Refused(DecodeReasons.DecompressedTooLarge,
                        $"The gzip body expands beyond {_options.MaxDecodedBytes} bytes.", wasGzip: true);
                }
            }
        }
        catch (InvalidDataException)
        {
            return DecodeResult.Refused(DecodeReasons.InvalidGzip, "The gzip stream is corrupt or truncated.", wasGzip: true);
        }

        // GZipStream stops quietly at a truncated end; the trailer's ISIZE (length mod 2^32) exposes it.
        var span = compressed.Span;
        if (span.Length < 18 || BinaryPrimitives.ReadUInt32LittleEndian(span[^4..]) != unchecked((uint)output.WrittenCount))
        {
            return DecodeResult.Refused(DecodeReasons.InvalidGzip,
                "The gzip stream is truncated (its trailer does not match the decompressed length).", wasGzip: true);
        }

        return DecodeResult.Ok(output.WrittenMemory, wasGzip: true);
    }
}
