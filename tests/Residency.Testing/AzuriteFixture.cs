using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Residency.Development;
using Residency.Storage;
using Residency.Storage.Clients;
using Xunit;

namespace Residency.Testing;

/// <summary>
/// A running Azurite for tests, obtained by <see cref="AzuriteLauncher"/> as everywhere: <c>RESIDENCY_AZURITE</c> can
/// require one way (CI requires the container); a set <c>AZURITE_CONNECTION_STRING</c> wins next; else a Testcontainers
/// container when a Docker engine answers (image <c>AZURITE_IMAGE</c>, default the official image of the pinned npm
/// version), else the pinned npm package as a process. It says on stderr which way it used. When Azurite cannot start, the fixture FAILS (it
/// never skips). Share one per test assembly with a collection: <c>[CollectionDefinition("Azurite")] public sealed
/// class AzuriteGroup : ICollectionFixture&lt;AzuriteFixture&gt;;</c>
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    /// <summary>The environment variable naming an already running Azurite (a Shared Key connection string).</summary>
    public const string ConnectionStringVariable = AzuriteSettings.ConnectionStringVariable;

    private IAzurite? _azurite;

    /// <summary>The Shared Key connection string of the Azurite in use.</summary>
    public string ConnectionString => Azurite.ConnectionString;

    /// <summary>The blob endpoint of the Azurite in use.</summary>
    public Uri BlobEndpoint => StorageConnectionString.Parse(ConnectionString).BlobEndpoint;

    /// <summary>True when this fixture started (and will stop) its own Azurite, a container or a process.</summary>
    public bool OwnsProcess => Azurite.Source != AzuriteSource.ConnectionString;

    /// <summary>Where the Azurite in use came from.</summary>
    public AzuriteSource Source => Azurite.Source;

    /// <summary>One line naming the engine and image, the node process, or the configured connection string.</summary>
    public string Description => Azurite.Description;

    private IAzurite Azurite => _azurite ?? throw new InvalidOperationException("The Azurite fixture has not started.");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        try
        {
            _azurite = await TestAzurite.StartAsync(new AzuriteRequest()).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Never skip: an Azurite-backed test that did not run is a failure.
            throw new InvalidOperationException(
                $"Azurite could not start, so the Azurite-backed tests fail: {e.Message} Start a Docker engine, install " +
                $"Node.js 20 (the pinned package installs on demand in {BuildPaths.NodeTools}), or set {ConnectionStringVariable}.", e);
        }
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync().ConfigureAwait(false);
            _azurite = null;
        }
    }

    /// <summary>A Shared Key client for this Azurite (Development settings, so loopback passes the RegionGuard).</summary>
    public BlobServiceClient CreateClient(StorageClientSettings? settings = null, params HttpPipelinePolicy[] policies) =>
        ResidencyBlobClients.FromConnectionString(ConnectionString, settings ?? StorageClientSettings.Development, policies);

    /// <summary>A store on this Azurite with its containers created; <paramref name="policies"/> see every request.</summary>
    public async Task<ResidencyStore> CreateStoreAsync(int maxConcurrency = 8, params HttpPipelinePolicy[] policies)
    {
        var store = new ResidencyStore(
            CreateClient(null, policies),
            StorageClientSettings.Development, maxConcurrency);
        await store.EnsureContainersAsync().ConfigureAwait(false);
        return store;
    }

    /// <summary>A container name no other test uses: <c>t-{purpose}-{random}</c>.</summary>
    public static string UniqueContainerName(string purpose = "test") =>
        $"t-{purpose}-{Guid.NewGuid():N}"[..Math.Min(63, purpose.Length + 3 + 32)];
}
