namespace Residency.Development;

/// <summary>A running Azurite Blob service; disposing it stops and removes whatever was started for it.</summary>
public interface IAzurite : IAsyncDisposable
{
    /// <summary>Where this Azurite came from.</summary>
    AzuriteSource Source { get; }

    /// <summary>The Shared Key connection string.</summary>
    string ConnectionString { get; }

    /// <summary>The path-style blob endpoint, <c>http://127.0.0.1:port/devstoreaccount1</c>.</summary>
    Uri BlobEndpoint { get; }

    /// <summary>One line saying what runs it (engine and image, node process, or the configured connection string), without secrets.</summary>
    string Description { get; }
}
