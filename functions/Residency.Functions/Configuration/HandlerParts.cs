using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Residency.Classification;
using Residency.FunctionsHost;
using Residency.Ingest.Telemetry;
using Residency.Storage;
using Residency.Storage.Clients;

namespace Residency.Functions.Configuration;

/// <summary>
/// Builds what the settings describe. Start-up validation calls these to collect every problem; the service factories
/// call them again once the settings are known to be valid. Failures are <see cref="HandlerSettingException"/>s.
/// </summary>
internal static partial class HandlerParts
{
    private const int MinimumKeyBytes = 32;

    /// <summary>The settings the storage client is built with.</summary>
    public static StorageClientSettings StorageSettings(HandlerOptions options, HandlerEnvironment environment) => new()
    {
        Region = options.Region,
        IsDevelopment = environment.IsDevelopment,
        // Out of range is reported by the range validator; clamped here so this check does not fail a second time.
        MaxRetries = Math.Clamp(options.StorageMaxRetries, 0, 10),
        NetworkTimeout = TimeSpan.FromSeconds(options.StorageNetworkTimeoutSeconds),
    };

    /// <summary>The storage client (Shared Key or managed identity), behind the RegionGuard.</summary>
    public static StorageAccount CreateStorage(HandlerOptions options, HandlerEnvironment environment)
    {
        var settings = StorageSettings(options, environment);
        var (connectionString, endpointText) = (Blank(options.StorageConnectionString), Blank(options.BlobEndpoint));
        try
        {
            switch (connectionString, endpointText)
            {
                case (not null, not null):
                    throw new HandlerSettingException($"Set only one of {HandlerSettingNames.StorageConnectionString} and {HandlerSettingNames.BlobEndpoint}.");
                case (not null, null):
                    return new StorageAccount(ResidencyBlobClients.FromConnectionString(connectionString, settings, StorageMetricsPolicy.Instance), settings, "shared key");
                case (null, not null):
                    if (!Uri.TryCreate(endpointText, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("https" or "http"))
                    {
                        throw new HandlerSettingException($"{HandlerSettingNames.BlobEndpoint} is not an absolute http(s) URL.");
                    }

                    // The Azure.Identity convention AZURE_CLIENT_ID (set by infra/) names the user-assigned identity too.
                    var clientId = Blank(options.ManagedIdentityClientId) ?? environment.AzureClientId;
                    return new StorageAccount(ResidencyBlobClients.FromEndpoint(endpoint, StorageCredentials.ManagedIdentity(clientId), settings, StorageMetricsPolicy.Instance), settings,
                        clientId is null ? "managed identity (system-assigned)" : "managed identity (user-assigned)");
                default:
                    throw new HandlerSettingException(
                        $"Set {HandlerSettingNames.StorageConnectionString} (Azurite or a key-based account) or {HandlerSettingNames.BlobEndpoint} (managed identity).");
            }
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new HandlerSettingException($"{HandlerSettingNames.StorageConnectionString} is not a valid storage connection string.");
        }
        catch (ResidencyViolationException e)
        {
            // The guard names the endpoint and region, which are not secrets; the account key never reaches it.
            throw new HandlerSettingException($"{HandlerSettingNames.Region} / storage endpoint refused: {e.Message}" +
                (environment.IsDevelopment ? "" : $" (loopback storage needs {HandlerSettingNames.Environment}=Development)"));
        }
    }

    /// <summary>The pseudonymization key; the public development key only in Development and only when none is set.</summary>
    public static PseudonymizationKey CreateKey(HandlerOptions options, HandlerEnvironment environment)
    {
        if (Blank(options.PseudonymKey) is not { } text)
        {
            return environment.IsDevelopment
                ? PseudonymizationKey.Development
                : throw new HandlerSettingException(
                    $"{HandlerSettingNames.PseudonymKey} is required outside Development (base64, at least {MinimumKeyBytes} bytes; a Key Vault reference in Azure).");
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new HandlerSettingException($"{HandlerSettingNames.PseudonymKey} is not valid base64.");
        }

        if (key.Length < MinimumKeyBytes)
        {
            throw new HandlerSettingException($"{HandlerSettingNames.PseudonymKey} decodes to {key.Length} bytes; at least {MinimumKeyBytes} are required.");
        }

        return Blank(options.PseudonymKeyId) is { } keyId && KeyIdPattern().IsMatch(keyId)
            ? new PseudonymizationKey(keyId, key)
            : throw new HandlerSettingException(
                $"{HandlerSettingNames.PseudonymKeyId} is required with {HandlerSettingNames.PseudonymKey}: 1-64 of letters, digits, '.', '_' and '-'.");
    }

    /// <summary>The policy file, or the embedded <c>cn-auto</c> when none is set.</summary>
    public static ClassificationPolicy LoadPolicy(HandlerOptions options)
    {
        if (Blank(options.PolicyFile) is not { } path)
        {
            return ClassificationPolicy.Default;
        }

        try
        {
            return ClassificationPolicy.Load(File.ReadAllBytes(path));
        }
        catch (IOException)
        {
            throw new HandlerSettingException($"{HandlerSettingNames.PolicyFile} cannot be read.");
        }
        catch (UnauthorizedAccessException)
        {
            throw new HandlerSettingException($"{HandlerSettingNames.PolicyFile} cannot be read (access denied).");
        }
        catch (PolicyValidationException e)
        {
            throw new HandlerSettingException($"{HandlerSettingNames.PolicyFile} is not a valid policy: {string.Join("; ", e.Errors)}");
        }
    }

    /// <summary>What one handler process holds and waits for at most.</summary>
    public static HandlerLimits Limits(HandlerOptions options)
    {
        const long MiB = 1024 * 1024;
        return new HandlerLimits(options.MaxRequestMegabytes * MiB, options.MaxConcurrentInvocations, options.MaxInFlightMegabytes * MiB,
            TimeSpan.FromSeconds(options.StorageNetworkTimeoutSeconds), TimeSpan.FromSeconds(options.StorageBudgetSeconds));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex KeyIdPattern();
}

/// <summary>The residency account's client, the settings it was built with, and how it authenticates (for the start-up log).</summary>
internal sealed record StorageAccount(BlobServiceClient Client, StorageClientSettings Settings, string Authentication);
