namespace Residency.Development;

/// <summary>How to obtain Azurite, from the environment (the same variables for tests, the local run and CI).</summary>
public sealed class AzuriteSettings
{
    /// <summary><c>auto</c> (default: try each way in turn), or one way that is then required: <c>testcontainers</c>, <c>npm</c>, <c>connection-string</c>.</summary>
    public const string SourceVariable = "RESIDENCY_AZURITE";

    /// <summary>The container image; default the official image of the pinned npm version.</summary>
    public const string ImageVariable = "AZURITE_IMAGE";

    /// <summary>The Shared Key connection string of an Azurite someone already runs.</summary>
    public const string ConnectionStringVariable = "AZURITE_CONNECTION_STRING";

    /// <summary>The official image repository; the tag is the pinned npm version.</summary>
    public const string OfficialImageRepository = "mcr.microsoft.com/azure-storage/azurite";

    /// <summary>The one way required, or null to try each in turn.</summary>
    public AzuriteSource? Required { get; init; }

    /// <summary>The image for the container, or null for the official one.</summary>
    public string? Image { get; init; }

    /// <summary>The configured connection string, or null.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>Reads <see cref="SourceVariable"/>, <see cref="ImageVariable"/> and <see cref="ConnectionStringVariable"/> from the process.</summary>
    public static AzuriteSettings FromEnvironment() => From(Environment.GetEnvironmentVariable);

    /// <summary>Reads the three variables through <paramref name="variable"/> (a caller's own environment).</summary>
    public static AzuriteSettings From(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        return new AzuriteSettings
        {
            Required = ParseSource(variable(SourceVariable)),
            Image = NullIfBlank(variable(ImageVariable)),
            ConnectionString = NullIfBlank(variable(ConnectionStringVariable)),
        };
    }

    /// <summary>Parses a <see cref="SourceVariable"/> value; null or <c>auto</c> means none is required.</summary>
    public static AzuriteSource? ParseSource(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" => null,
        "testcontainers" => AzuriteSource.Testcontainers,
        "npm" => AzuriteSource.NpmProcess,
        "connection-string" => AzuriteSource.ConnectionString,
        _ => throw new ArgumentException(
            $"{SourceVariable} must be auto, testcontainers, npm or connection-string (it is '{value}')."),
    };

    /// <summary>The setting's name for a way, as <see cref="SourceVariable"/> spells it.</summary>
    public static string Name(AzuriteSource source) => source switch
    {
        AzuriteSource.Testcontainers => "testcontainers",
        AzuriteSource.NpmProcess => "npm",
        _ => "connection-string",
    };

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
