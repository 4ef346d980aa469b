namespace Residency.Development;

/// <summary>What <see cref="AzuriteLauncher"/> is asked for.</summary>
public sealed class AzuriteRequest
{
    /// <summary>The default order: a container, the npm process, the configured connection string.</summary>
    public static readonly IReadOnlyList<AzuriteSource> ContainerFirst =
        [AzuriteSource.Testcontainers, AzuriteSource.NpmProcess, AzuriteSource.ConnectionString];

    /// <summary>The folder with the pinned package.json and package-lock.json (default: tests/ of the repository this was built in).</summary>
    public string NodeToolsDirectory { get; init; } = BuildPaths.NodeTools;

    /// <summary>How Azurite runs (http or https, bearer tokens, in memory).</summary>
    public AzuriteOptions Options { get; init; } = new();

    /// <summary>The environment's settings (which way is required, the image, the connection string).</summary>
    public AzuriteSettings Settings { get; init; } = AzuriteSettings.FromEnvironment();

    /// <summary>The ways to try, in order, when none is required.</summary>
    public IReadOnlyList<AzuriteSource> Order { get; init; } = ContainerFirst;

    /// <summary>True when a shared, configured Azurite will not do: the caller needs a fresh one, or https with bearer tokens.</summary>
    public bool NeedsOwnInstance { get; init; }
}
