namespace Residency.Ingest.Decoding;

/// <summary>The outcome of decoding one event body: UTF-8 JSON text, or a reason it was refused.</summary>
public readonly record struct DecodeResult
{
    private DecodeResult(ReadOnlyMemory<byte> utf8, bool wasGzip, string? reasonCode, string? detail)
    {
        Utf8 = utf8;
        WasGzip = wasGzip;
        ReasonCode = reasonCode;
        Detail = detail;
    }

    /// <summary>The decoded UTF-8 text (empty when refused).</summary>
    public ReadOnlyMemory<byte> Utf8 { get; }

    /// <summary>Whether the body was gzip-compressed.</summary>
    public bool WasGzip { get; }

    /// <summary>A stable kebab-case reason when the body was refused; null on success.</summary>
    public string? ReasonCode { get; }

    /// <summary>What was wrong, in words that never quote the content.</summary>
    public string? Detail { get; }

    /// <summary>Whether decoding succeeded.</summary>
    public bool Succeeded => ReasonCode is null;

    internal static DecodeResult Ok(ReadOnlyMemory<byte> utf8, bool wasGzip) => new(utf8, wasGzip, null, null);

    internal static DecodeResult Refused(string reasonCode, string detail, bool wasGzip = false) =>
        new(ReadOnlyMemory<byte>.Empty, wasGzip, reasonCode, detail);
}
