using Docker.DotNet;
using DotNet.Testcontainers.Configurations;

namespace Residency.Development;

/// <summary>
/// The Docker engine Testcontainers found (DOCKER_HOST, ~/.testcontainers.properties or the local socket, each pinged
/// once per process), and what it is, for saying which engine ran Azurite.
/// </summary>
public static class DockerEngine
{
    /// <summary>True when a Docker engine answered Testcontainers' ping.</summary>
    public static bool Answers => Endpoint is not null;

    private static IDockerEndpointAuthenticationConfiguration? Endpoint => TestcontainersSettings.OS.DockerEndpointAuthConfig;

    /// <summary>A client for the engine; throws when none answers.</summary>
    public static DockerClient CreateClient() =>
        (Endpoint ?? throw new InvalidOperationException("No Docker engine answers (checked DOCKER_HOST and the local socket)."))
            .GetDockerClientConfiguration().CreateClient();

    /// <summary>"Docker engine 20.10.24 (API 1.41) at unix:///var/run/docker.sock".</summary>
    public static async Task<string> DescribeAsync(CancellationToken cancellationToken = default)
    {
        using var client = CreateClient();
        var version = await client.System.GetVersionAsync(cancellationToken).ConfigureAwait(false);
        return $"Docker engine {version.Version} (API {version.APIVersion}) at {Endpoint!.Endpoint}";
    }
}
