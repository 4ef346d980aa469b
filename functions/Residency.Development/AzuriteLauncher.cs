namespace Residency.Development;

/// <summary>
/// Obtains an Azurite the first way that works. An explicit setting wins everywhere (tests, the local run, the soak):
/// <c>RESIDENCY_AZURITE</c> requires one way, and then nothing else is tried and its failure is the answer (CI requires
/// the container); else a set <c>AZURITE_CONNECTION_STRING</c> is used, unless the caller needs an Azurite of its own.
/// Otherwise <see cref="AzuriteRequest.Order"/>: a Testcontainers container when a Docker engine answers, else the
/// pinned npm package as a process (installed on demand). Every way tried and skipped is reported through the log.
/// </summary>
public static class AzuriteLauncher
{
    /// <summary>Starts (or finds) an Azurite; the caller disposes it. Throws <see cref="DevelopmentHostException"/> with every reason when none works.</summary>
    public static async Task<IAzurite> StartAsync(AzuriteRequest request, Action<string> log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(log);
        var required = request.Settings.Required;
        var configured = request.Settings.ConnectionString is not null && !request.NeedsOwnInstance && !request.Options.Https;
        IReadOnlyList<AzuriteSource> order = required is { } only ? [only]
            : configured ? [AzuriteSource.ConnectionString, .. request.Order.Where(s => s != AzuriteSource.ConnectionString)]
            : request.Order;
        var reasons = new List<string>();
        for (var i = 0; i < order.Count; i++)
        {
            var source = order[i];
            try
            {
                return await StartAsync(source, request, log, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var reason = $"{AzuriteSettings.Name(source)}: {e.Message.ReplaceLineEndings(" ").Trim().TrimEnd('.')}";
                if (required is not null)
                {
                    throw new DevelopmentHostException(
                        $"{AzuriteSettings.SourceVariable}={AzuriteSettings.Name(source)} requires that way, and it failed ({reason}).", e);
                }

                reasons.Add(reason);
                if (i + 1 < order.Count)
                {
                    log($"Azurite: not via {reason}; trying {AzuriteSettings.Name(order[i + 1])}.");
                }
            }
        }

        throw new DevelopmentHostException("No Azurite could be had: " + string.Join(" | ", reasons));
    }

    private static async Task<IAzurite> StartAsync(AzuriteSource source, AzuriteRequest request, Action<string> log, CancellationToken cancellationToken)
    {
        switch (source)
        {
            case AzuriteSource.Testcontainers:
                if (!DockerEngine.Answers)
                {
                    throw new InvalidOperationException("no Docker engine answers (DOCKER_HOST or /var/run/docker.sock).");
                }

                var image = request.Settings.Image
                    ?? $"{AzuriteSettings.OfficialImageRepository}:{new NpmAzurite(request.NodeToolsDirectory).PinnedVersion()}";
                return await AzuriteContainer.StartAsync(image, request.Options, cancellationToken).ConfigureAwait(false);

            case AzuriteSource.NpmProcess:
                await new NpmAzurite(request.NodeToolsDirectory).EnsureInstalledAsync(log, cancellationToken).ConfigureAwait(false);
                return await AzuriteProcess.StartAsync(request.NodeToolsDirectory, request.Options, cancellationToken).ConfigureAwait(false);

            default:
                if (request.NeedsOwnInstance || request.Options.Https)
                {
                    throw new InvalidOperationException("this caller needs an Azurite of its own (fresh, or with https and bearer tokens), not a shared one.");
                }

                return request.Settings.ConnectionString is { } configured
                    ? new ConfiguredAzurite(configured)
                    : throw new InvalidOperationException($"{AzuriteSettings.ConnectionStringVariable} is not set.");
        }
    }
}
