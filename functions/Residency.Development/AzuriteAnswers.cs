using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;

namespace Residency.Development;

/// <summary>
/// Testcontainers wait strategy: ready when Azurite answers HTTP on its 127.0.0.1 endpoint. The built-in HTTP wait
/// looks up mapped ports, which a host-network container does not have.
/// </summary>
internal sealed class AzuriteAnswers(Uri blobEndpoint) : IWaitUntil
{
    public async Task<bool> UntilAsync(IContainer container)
    {
        if (container.State is TestcontainersStates.Exited or TestcontainersStates.Dead)
        {
            throw new InvalidOperationException($"Azurite exited with code {await container.GetExitCodeAsync().ConfigureAwait(false)} before answering.");
        }

        return await AzuriteProbe.AnswersAsync(blobEndpoint).ConfigureAwait(false);
    }
}
