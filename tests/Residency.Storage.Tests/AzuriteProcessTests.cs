using System.Diagnostics;
using Residency.Storage.Development;
using Residency.Testing;
using Xunit;

namespace Residency.Storage.Tests;

/// <summary>AzuriteProcess: starts from the pinned package, answers Shared Key requests, cleans up after itself.</summary>
public sealed class AzuriteProcessTests
{
    [Fact]
    public async Task Starts_on_a_loopback_port_serves_requests_and_cleans_up_on_dispose()
    {
        var azurite = await AzuriteProcess.StartAsync(RepoPaths.NodeTools);
        var workspace = azurite.WorkspaceDirectory;
        var processId = azurite.ProcessId;
        try
        {
            Assert.True(RegionGuard.IsLoopback(azurite.BlobEndpoint));
            Assert.EndsWith("/devstoreaccount1", azurite.BlobEndpoint.AbsoluteUri, StringComparison.Ordinal);
            var client = ResidencyBlobClients.FromConnectionString(azurite.ConnectionString, new StorageClientSettings { IsDevelopment = true });
            Assert.NotNull((await client.GetBlobContainerClient("process-check").CreateIfNotExistsAsync()).Value);
            Assert.True(Directory.Exists(workspace));
        }
        finally
        {
            await azurite.DisposeAsync();
        }

        Assert.False(Directory.Exists(workspace));
        Assert.True(HasExited(processId));
    }

    [Fact]
    public async Task Missing_package_fails_with_what_to_run()
    {
        var empty = Directory.CreateTempSubdirectory("no-node-tools-").FullName;
        try
        {
            var e = await Assert.ThrowsAsync<InvalidOperationException>(() => AzuriteProcess.StartAsync(empty));

            Assert.Contains("npm ci", e.Message, StringComparison.Ordinal);
            Assert.Contains("AZURITE_CONNECTION_STRING", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    private static bool HasExited(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
