namespace Residency.Ingest.Decoding;

/// <summary>The reason codes the decoder gives, written into quarantine records.</summary>
public static class DecodeReasons
{
    /// <summary>The event has no body.</summary>
    public const string EmptyEvent = "empty-event";

    /// <summary>The body as received is larger than allowed.</summary>
    public const string EventTooLarge = "event-too-large";

    /// <summary>The <c>contentEncoding</c> property names an encoding other than gzip or identity.</summary>
    public const string UnsupportedEncoding = "unsupported-encoding";

    /// <summary>The body claims to be gzip but is not a valid gzip stream.</summary>
    public const string InvalidGzip = "invalid-gzip";

    /// <summary>The decompressed body is larger than allowed.</summary>
    public const string DecompressedTooLarge = "decompressed-too-large";

    /// <summary>The body expands far beyond any plausible upload: a decompression bomb.</summary>
    public const string GzipBomb = "gzip-bomb";

    /// <summary>The (decompressed) body is not valid UTF-8.</summary>
    public const string InvalidUtf8 = "invalid-utf8";
}
