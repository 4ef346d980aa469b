using System.Diagnostics;
using System.Globalization;
using Docker.DotNet.Models;

namespace Residency.Development;

/// <summary>
/// Removes Azurite containers left by a process of this machine that is gone (a test run killed or cancelled before
/// it could dispose them). Containers of live processes, and of other machines sharing the engine, are left alone.
/// </summary>
internal static class StaleAzuriteContainers
{
    public static async Task RemoveAsync(CancellationToken cancellationToken)
    {
        using var client = DockerEngine.CreateClient();
        var containers = await client.Containers.ListContainersAsync(
            new ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>>
                {
                    ["label"] = new Dictionary<string, bool> { [AzuriteContainer.OwnerLabel] = true },
                },
            },
            cancellationToken).ConfigureAwait(false);
        foreach (var container in containers)
        {
            if (container.Labels.TryGetValue(AzuriteContainer.OwnerLabel, out var owner) && IsGone(owner))
            {
                await AzuriteContainer.RemoveByIdAsync(container.ID, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    internal static bool IsGone(string owner)
    {
        var separator = owner.LastIndexOf('/');
        if (separator < 0 || owner[..separator] != Environment.MachineName
            || !int.TryParse(owner[(separator + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var processId))
        {
            return false;
        }

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
