namespace Residency.Classification;

/// <summary>Input limits of <see cref="UploadClassifier"/>.</summary>
public sealed class ClassifierOptions
{
    /// <summary>Largest accepted payload in bytes (after decompression). Default 1 MiB.</summary>
    public int MaxPayloadBytes { get; init; } = 1024 * 1024;

    /// <summary>Deepest accepted nesting of objects and arrays. Default 32.</summary>
    public int MaxDepth { get; init; } = 32;
}
