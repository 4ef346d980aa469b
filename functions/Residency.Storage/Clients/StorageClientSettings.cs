using Azure.Core.Pipeline;

namespace Residency.Storage.Clients;

/// <summary>
/// How the residency account is reached: region and environment for the <see cref="RegionGuard"/>, and the
/// retry budget of every request. The defaults answer well inside the Functions host's timeout.
/// </summary>
public sealed class StorageClientSettings
{
    /// <summary>Development settings with the defaults: a loopback (Azurite) endpoint passes the RegionGuard.</summary>
    public static StorageClientSettings Development { get; } = new() { IsDevelopment = true };

    /// <summary>The Azure region of the account (<c>chinanorth3</c> or <c>chinanorth2</c>); also the <c>region</c> tag.</summary>
    public string Region { get; init; } = "chinanorth3";

    /// <summary>True only in the Development environment: allows a loopback (Azurite) endpoint.</summary>
    public bool IsDevelopment { get; init; }

    /// <summary>Retries per request after the first attempt (0-10).</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>How long one attempt may wait for an answer before it counts as failed.</summary>
    public TimeSpan NetworkTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The first retry delay; later ones grow exponentially up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(0.4);

    /// <summary>The longest delay between two attempts.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>The HTTP transport; null for Azure.Core's default. Tests pass one that injects faults or trusts a test certificate.</summary>
    public HttpPipelineTransport? Transport { get; init; }

    /// <summary>The region, trimmed and lower-cased as it is written into tags.</summary>
    public string NormalizedRegion => Region.Trim().ToLowerInvariant();
}
