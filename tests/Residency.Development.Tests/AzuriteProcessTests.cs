using System.Diagnostics;
using Xunit;

namespace Residency.Development.Tests;

/// <summary>
/// AzuriteProcess, the fallback where no Docker engine answers: starts from the pinned package, answers requests,
/// cleans up after itself. It runs as a process here on purpose, also in CI, so the fallback cannot rot unnoticed.
/// </summary>
public sealed class AzuriteProcessTests
{
    [Fact]
    public async Task Starts_on_a_loopback_port_serves_requests_and_cleans_up_on_dispose()
    {
        var azurite = await AzuriteProcess.StartAsync(BuildPaths.NodeTools);
        var workspace = azurite.WorkspaceDirectory;
        var processId = azurite.ProcessId;
        try
        {
            Assert.Equal(AzuriteSource.NpmProcess, azurite.Source);
            Assert.Equal("127.0.0.1", azurite.BlobEndpoint.Host);
            Assert.EndsWith("/devstoreaccount1", azurite.BlobEndpoint.AbsoluteUri, StringComparison.Ordinal);
            Assert.Contains("node process " + processId, azurite.Description, StringComparison.Ordinal);
            Assert.True(await StorageAnswer.IsAzuriteAsync(azurite.BlobEndpoint));
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
