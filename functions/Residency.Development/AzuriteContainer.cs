using Docker.DotNet;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using Microsoft.Extensions.Logging.Abstractions;

namespace Residency.Development;

/// <summary>
/// Azurite in a container started through Testcontainers: the image's <c>azurite-blob</c> on the host network, bound
/// to 127.0.0.1 on a free port (no bridge networking is needed, none is used). Ryuk is not used (its image cannot be
/// pulled where no registry answers), so this class removes its container itself: on dispose, and at the next start
/// for containers whose owning process is gone (labels <see cref="Label"/> and <see cref="OwnerLabel"/>).
/// </summary>
public sealed class AzuriteContainer : IAzurite
{
    /// <summary>Label on every Azurite container this project starts (CI removes them all by it at the end).</summary>
    public const string Label = "residency.azurite";

    /// <summary>Label naming the owning process, <c>{machine}/{pid}</c>.</summary>
    public const string OwnerLabel = "residency.azurite.owner";

    private const int StartAttempts = 3;
    private const string CertificateInContainer = "/etc/azurite/cert.pem";
    private const string KeyInContainer = "/etc/azurite/key.pem";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly IContainer _container;

    private AzuriteContainer(IContainer container, Uri blobEndpoint, string description)
    {
        _container = container;
        BlobEndpoint = blobEndpoint;
        ConnectionString = DevelopmentAccount.ConnectionString(blobEndpoint);
        Description = description;
    }

    /// <inheritdoc />
    public AzuriteSource Source => AzuriteSource.Testcontainers;

    /// <inheritdoc />
    public string ConnectionString { get; }

    /// <inheritdoc />
    public Uri BlobEndpoint { get; }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>The Docker id of the container.</summary>
    public string ContainerId => _container.Id;

    /// <summary>This process's owner label value.</summary>
    internal static string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}";

    /// <summary>
    /// Starts <paramref name="image"/> (pulled only when missing) and waits until Azurite answers HTTP. Throws
    /// <see cref="InvalidOperationException"/> naming the engine and image when it cannot.
    /// </summary>
    public static async Task<AzuriteContainer> StartAsync(string image, AzuriteOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        await StaleAzuriteContainers.RemoveAsync(cancellationToken).ConfigureAwait(false);
        var engine = await DockerEngine.DescribeAsync(cancellationToken).ConfigureAwait(false);

        Exception? lastFailure = null;
        for (var attempt = 0; attempt < StartAttempts; attempt++)
        {
            // Free when chosen; on the host network another process may still take it first, so EADDRINUSE retries.
            var port = FreePort.Next();
            var endpoint = DevelopmentAccount.BlobEndpoint(port, options.Https);
            var container = Build(image, options, port, endpoint);
            try
            {
                await container.StartAsync(cancellationToken).ConfigureAwait(false);
                return new AzuriteContainer(container, endpoint, $"Testcontainers: image {image} on {engine}, container {container.Id[..12]}");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var logs = await LogsAsync(container).ConfigureAwait(false);
                await RemoveAsync(container).ConfigureAwait(false);
                lastFailure = new InvalidOperationException(
                    $"The Azurite container (image {image}, {engine}) did not start: {e.Message}{(logs.Length > 0 ? " Output: " + logs : "")}", e);
                if (!logs.Contains("EADDRINUSE", StringComparison.Ordinal))
                {
                    throw lastFailure;
                }
            }
            catch
            {
                await RemoveAsync(container).ConfigureAwait(false);
                throw;
            }
        }

        throw lastFailure!;
    }

    /// <summary>Removes the container (killed, with its volumes); nothing of it stays behind.</summary>
    public async ValueTask DisposeAsync() => await RemoveAsync(_container).ConfigureAwait(false);

    private static IContainer Build(string image, AzuriteOptions options, int port, Uri endpoint)
    {
        var builder = new ContainerBuilder()
            .WithImage(image)
            .WithEntrypoint("azurite-blob")
            .WithCommand([.. options.BlobArguments(port, "/data", options.Https ? CertificateInContainer : null, options.Https ? KeyInContainer : null)])
            .WithLabel(Label, "true")
            .WithLabel(OwnerLabel, Owner)
            .WithCleanUp(false)
            .WithLogger(NullLogger.Instance)
            .WithCreateParameterModifier(parameters => parameters.HostConfig.NetworkMode = "host")
            .WithWaitStrategy(Wait.ForUnixContainer().AddCustomWaitStrategy(new AzuriteAnswers(endpoint), wait => wait.WithTimeout(StartTimeout)));
        if (options.Https)
        {
            builder = builder
                .WithResourceMapping(File.ReadAllBytes(options.CertificatePath!), CertificateInContainer)
                .WithResourceMapping(File.ReadAllBytes(options.KeyPath!), KeyInContainer);
        }

        return builder.Build();
    }

    private static async Task<string> LogsAsync(IContainer container)
    {
        try
        {
            var (stdout, stderr) = await container.GetLogsAsync(timestampsEnabled: false).ConfigureAwait(false);
            var text = (stdout + stderr).Trim();
            return text.Length <= 2000 ? text : text[^2000..];
        }
        catch (Exception e) when (e is InvalidOperationException or DockerApiException)
        {
            return "";
        }
    }

    private static async Task RemoveAsync(IContainer container)
    {
        string? id;
        try
        {
            id = container.Id;
        }
        catch (InvalidOperationException)
        {
            id = null; // never created (the image could not be had): nothing to remove
        }

        if (id is not null)
        {
            await RemoveByIdAsync(id).ConfigureAwait(false);
        }

        await container.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Kills and removes a container with its anonymous volumes (the official image declares /data one).</summary>
    internal static async Task RemoveByIdAsync(string id, CancellationToken cancellationToken = default)
    {
        using var client = DockerEngine.CreateClient();
        try
        {
            await client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
        }
    }
}
