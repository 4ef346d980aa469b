using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Residency.Storage;
using Residency.Storage.Development;
using Xunit;

namespace Residency.Testing;

/// <summary>
/// A running Azurite for tests: <c>AZURITE_CONNECTION_STRING</c> when set, else a fresh Azurite from the pinned
/// node_modules on a free loopback port. When Azurite cannot start, the fixture FAILS (it never skips).
/// Share one per test assembly with a collection: <c>[CollectionDefinition("Azurite")] public sealed class
/// AzuriteGroup : ICollectionFixture&lt;AzuriteFixture&gt;;</c>
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    /// <summary>The environment variable naming an already running Azurite (a Shared Key connection string).</summary>
    public const string ConnectionStringVariable = "AZURITE_CONNECTION_STRING";

    private AzuriteProcess? _process;
    private string? _connectionString;

    /// <summary>The Shared Key connection string of the Azurite in use.</summary>
    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("The Azurite fixture has not started.");

    /// <summary>The blob endpoint of the Azurite in use.</summary>
    public Uri BlobEndpoint => StorageConnectionString.Parse(ConnectionString).BlobEndpoint;

    /// <summary>True when this fixture started (and will stop) its own Azurite.</summary>
    public bool OwnsProcess => _process is not null;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            _connectionString = configured;
            return;
        }

        try
        {
            _process = await AzuriteProcess.StartAsync(RepoPaths.NodeTools).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Never skip: an Azurite-backed test that did not run is a failure (CI also sets RESIDENCY_REQUIRE_AZURITE=1).
            throw new InvalidOperationException(
                $"Azurite could not start, so the Azurite-backed tests fail: {e.Message} " +
                $"Install the Node tools (npm ci in {RepoPaths.NodeTools}) or set {ConnectionStringVariable}.", e);
        }

        _connectionString = _process.ConnectionString;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync().ConfigureAwait(false);
            _process = null;
        }
    }

    /// <summary>A Shared Key client for this Azurite (Development settings, so loopback passes the RegionGuard).</summary>
    public BlobServiceClient CreateClient(StorageClientSettings? settings = null, params HttpPipelinePolicy[] policies) =>
        ResidencyBlobClients.FromConnectionString(ConnectionString, settings ?? new StorageClientSettings { IsDevelopment = true }, policies);

    /// <summary>A store on this Azurite with its containers created; <paramref name="policies"/> see every request.</summary>
    public async Task<ResidencyStore> CreateStoreAsync(int maxConcurrency = 8, params HttpPipelinePolicy[] policies)
    {
        var store = new ResidencyStore(
            CreateClient(null, policies),
            new ResidencyStoreOptions { IsDevelopment = true, MaxConcurrency = maxConcurrency });
        await store.EnsureContainersAsync().ConfigureAwait(false);
        return store;
    }

    /// <summary>A container name no other test uses: <c>t-{purpose}-{random}</c>.</summary>
    public static string UniqueContainerName(string purpose = "test") =>
        $"t-{purpose}-{Guid.NewGuid():N}"[..Math.Min(63, purpose.Length + 3 + 32)];
}
