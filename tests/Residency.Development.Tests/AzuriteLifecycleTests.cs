using System.Diagnostics;
using Docker.DotNet;
using Residency.Testing;
using Xunit;

namespace Residency.Development.Tests;

/// <summary>
/// An Azurite obtained the way this machine allows (in CI: a container, which CI requires) answers, says where it
/// came from, and leaves nothing behind once disposed.
/// </summary>
public sealed class AzuriteLifecycleTests
{
    [Fact]
    public async Task Answers_on_loopback_and_disposing_removes_what_was_started()
    {
        var azurite = await TestAzurite.StartOwnAsync();
        string? containerId = null;
        int? processId = null;
        try
        {
            Assert.Equal("127.0.0.1", azurite.BlobEndpoint.Host);
            Assert.True(await StorageAnswer.IsAzuriteAsync(azurite.BlobEndpoint));
            switch (azurite)
            {
                case AzuriteContainer container:
                    containerId = container.ContainerId;
                    Assert.Contains("Docker engine", container.Description, StringComparison.Ordinal);
                    Assert.Contains("image ", container.Description, StringComparison.Ordinal);
                    break;
                case AzuriteProcess process:
                    processId = process.ProcessId;
                    break;
                default:
                    Assert.Fail($"an Azurite of its own was asked for, got {azurite.Source}");
                    break;
            }
        }
        finally
        {
            await azurite.DisposeAsync();
        }

        Assert.False(await AzuriteProbe.AnswersAsync(azurite.BlobEndpoint));
        if (containerId is not null)
        {
            using var client = DockerEngine.CreateClient();
            await Assert.ThrowsAsync<DockerContainerNotFoundException>(() => client.Containers.InspectContainerAsync(containerId));
        }
        else
        {
            Assert.True(HasExited(processId!.Value));
        }
    }

    [Fact]
    public void Only_containers_of_a_process_of_this_machine_that_is_gone_are_stale()
    {
        using var finished = Process.Start(new ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true })!;
        finished.WaitForExit();

        Assert.True(StaleAzuriteContainers.IsGone($"{Environment.MachineName}/{finished.Id}"));
        Assert.False(StaleAzuriteContainers.IsGone(AzuriteContainer.Owner));
        Assert.False(StaleAzuriteContainers.IsGone($"another-machine/{finished.Id}"));
        Assert.False(StaleAzuriteContainers.IsGone("not-an-owner"));
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
