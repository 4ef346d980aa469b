namespace Residency.Development;

/// <summary>The ways to obtain an Azurite, in the order <see cref="AzuriteLauncher"/> tries them by default.</summary>
public enum AzuriteSource
{
    /// <summary>A container started through Testcontainers on a Docker engine that answers.</summary>
    Testcontainers,

    /// <summary>The pinned npm package (tests/package-lock.json) run by node as a child process.</summary>
    NpmProcess,

    /// <summary>An Azurite someone already runs, named by <c>AZURITE_CONNECTION_STRING</c>.</summary>
    ConnectionString,
}
