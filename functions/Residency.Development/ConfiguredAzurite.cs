namespace Residency.Development;

/// <summary>An Azurite that someone else runs, named by a connection string; disposing it does nothing.</summary>
public sealed class ConfiguredAzurite : IAzurite
{
    private const string DevelopmentStorageEndpoint = "http://127.0.0.1:10000/" + DevelopmentAccount.Name;

    /// <summary>Wraps <paramref name="connectionString"/>: it must name a <c>BlobEndpoint</c> or be <c>UseDevelopmentStorage=true</c>.</summary>
    public ConfiguredAzurite(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var pairs = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        if (pairs.TryGetValue("UseDevelopmentStorage", out var development) && development.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            BlobEndpoint = new Uri(DevelopmentStorageEndpoint);
            ConnectionString = DevelopmentAccount.ConnectionString(BlobEndpoint);
        }
        else if (pairs.TryGetValue("BlobEndpoint", out var endpoint) && Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            BlobEndpoint = uri;
            ConnectionString = connectionString;
        }
        else
        {
            throw new ArgumentException(
                $"{AzuriteSettings.ConnectionStringVariable} must name an absolute BlobEndpoint (or be UseDevelopmentStorage=true).");
        }
    }

    /// <inheritdoc />
    public AzuriteSource Source => AzuriteSource.ConnectionString;

    /// <inheritdoc />
    public string ConnectionString { get; }

    /// <inheritdoc />
    public Uri BlobEndpoint { get; }

    /// <inheritdoc />
    public string Description => $"{AzuriteSettings.ConnectionStringVariable} (blob endpoint {BlobEndpoint})";

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
