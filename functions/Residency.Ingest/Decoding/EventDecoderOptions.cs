namespace Residency.Ingest.Decoding;

/// <summary>Limits the decoder enforces before anything is parsed.</summary>
public sealed class EventDecoderOptions
{
    /// <summary>Largest accepted body as received (Event Hubs allows at most 1 MB per event).</summary>
    public int MaxEventBytes { get; init; } = 1024 * 1024;

    /// <summary>Largest accepted body after gzip decompression (matches the classifier's payload limit).</summary>
    public int MaxDecodedBytes { get; init; } = 1024 * 1024;

    /// <summary>Largest accepted decompressed/compressed ratio once the output exceeds <see cref="RatioCheckFloorBytes"/>.</summary>
    public int MaxExpansionRatio { get; init; } = 100;

    /// <summary>Below this decompressed size the ratio is not checked: tiny repetitive uploads compress very well.</summary>
    public int RatioCheckFloorBytes { get; init; } = 64 * 1024;

    /// <summary>The default limits.</summary>
    public static EventDecoderOptions Default { get; } = new();
}
