using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;

namespace Residency.Storage.Clients;

/// <summary>
/// Builds the one <see cref="BlobServiceClient"/> of the residency account, behind the <see cref="RegionGuard"/>:
/// Shared Key from a connection string (Azurite, key-based accounts; SAS refused) or a <see cref="TokenCredential"/>
/// (managed identity in Azure China). Clients are thread-safe and meant to be shared.
/// </summary>
public static class ResidencyBlobClients
{
    /// <summary>
    /// The service version every request is sent with: one that Azure China and Azurite 3.35 both accept, so tests
    /// and production speak the same protocol.
    /// </summary>
    public const BlobClientOptions.ServiceVersion PinnedServiceVersion = BlobClientOptions.ServiceVersion.V2025_05_05;

    /// <summary>
    /// A client from a Shared Key connection string. Throws <see cref="FormatException"/> for a malformed or SAS
    /// connection string and <see cref="ResidencyViolationException"/> for an endpoint or region outside China North.
    /// </summary>
    public static BlobServiceClient FromConnectionString(
        string connectionString, StorageClientSettings settings, params HttpPipelinePolicy[] policies)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var parsed = StorageConnectionString.Parse(connectionString);
        RegionGuard.EnsureAllowed(parsed.BlobEndpoint, settings.Region, settings.IsDevelopment);
        return new BlobServiceClient(parsed.BlobEndpoint, parsed.Credential, CreateOptions(settings, policies));
    }

    /// <summary>A client for <paramref name="endpoint"/> with an Entra ID credential (managed identity in Azure).</summary>
    public static BlobServiceClient FromEndpoint(
        Uri endpoint, TokenCredential credential, StorageClientSettings settings, params HttpPipelinePolicy[] policies)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(settings);
        RegionGuard.EnsureAllowed(endpoint, settings.Region, settings.IsDevelopment);
        return new BlobServiceClient(endpoint, credential, CreateOptions(settings, policies));
    }

    /// <summary>
    /// The client options: pinned service version, the settings' retry budget, HTTP logging and tracing off (blob
    /// paths carry vehicle keys), and request counting per <see cref="StorageRequestCounter.Scope"/>. Extra policies
    /// run once per attempt.
    /// </summary>
    public static BlobClientOptions CreateOptions(StorageClientSettings settings, params HttpPipelinePolicy[] policies)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.MaxRetries, 0, nameof(settings));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(settings.MaxRetries, 10, nameof(settings));
        var options = new BlobClientOptions(PinnedServiceVersion);
        options.Diagnostics.IsLoggingEnabled = false;
        options.Diagnostics.IsDistributedTracingEnabled = false;
        options.Diagnostics.IsLoggingContentEnabled = false;
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = settings.MaxRetries;
        options.Retry.Delay = settings.RetryDelay;
        options.Retry.MaxDelay = settings.MaxRetryDelay;
        options.Retry.NetworkTimeout = settings.NetworkTimeout;
        if (settings.Transport is not null)
        {
            options.Transport = settings.Transport;
        }

        options.AddPolicy(StorageRequestCounter.ScopePolicy, HttpPipelinePosition.PerRetry);
        foreach (var policy in policies ?? [])
        {
            options.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        }

        return options;
    }
}
