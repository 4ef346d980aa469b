using Residency.Development;

namespace Residency.Testing;

/// <summary>
/// Starts an Azurite for tests through <see cref="AzuriteLauncher"/> and says on stderr which way it came (and why
/// earlier ways were skipped). The shared one is <see cref="AzuriteFixture"/>; tests that need one of their own
/// (fresh, or https with bearer tokens) call <see cref="StartOwnAsync"/> and dispose it.
/// </summary>
public static class TestAzurite
{
    /// <summary>Starts an Azurite of the caller's own: a container or a process, never a shared connection string.</summary>
    public static Task<IAzurite> StartOwnAsync(AzuriteOptions? options = null, CancellationToken cancellationToken = default) =>
        StartAsync(new AzuriteRequest { Options = options ?? new AzuriteOptions(), NeedsOwnInstance = true }, cancellationToken);

    /// <summary>Starts an Azurite as <paramref name="request"/> asks and reports where it came from.</summary>
    public static async Task<IAzurite> StartAsync(AzuriteRequest request, CancellationToken cancellationToken = default)
    {
        var azurite = await AzuriteLauncher.StartAsync(request, Report, cancellationToken).ConfigureAwait(false);
        Report($"Azurite for {TestAssemblyFolder}: {azurite.Description}, {azurite.BlobEndpoint}");
        return azurite;
    }

    // The test host's name says nothing; the folder it runs from names the test project.
    private static string TestAssemblyFolder => Path.GetRelativePath(RepoPaths.Root, AppContext.BaseDirectory).TrimEnd('/');

    private static void Report(string line) => Console.Error.WriteLine(line);
}
