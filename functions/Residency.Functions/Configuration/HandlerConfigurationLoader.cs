using System.Globalization;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Residency.Classification;
using Residency.Storage;

namespace Residency.Functions.Configuration;

/// <summary>Reads and validates the handler's settings at start-up, so a bad setting stops the app before work arrives.</summary>
internal static partial class HandlerConfigurationLoader
{
    /// <summary>The port used when the handler is started outside the Functions host.</summary>
    public const int DefaultPort = 7072;

    private const int MinimumKeyBytes = 32;

    /// <summary>Validates everything and builds the storage client; throws listing every invalid setting.</summary>
    public static HandlerConfiguration Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var errors = new List<string>();
        var isDevelopment = string.Equals(Get(configuration, SettingNames.Environment), "Development", StringComparison.OrdinalIgnoreCase);
        var port = ReadPort(configuration, errors);
        var region = Get(configuration, SettingNames.Region) ?? "chinanorth3";
        var maxConcurrency = ReadInt(configuration, SettingNames.MaxConcurrency, 8, 1, 64, errors);
        var maxRetries = ReadInt(configuration, SettingNames.StorageMaxRetries, 3, 0, 10, errors);
        var limits = ReadLimits(configuration, errors);
        var settings = new StorageClientSettings
        {
            Region = region, IsDevelopment = isDevelopment, MaxRetries = maxRetries, NetworkTimeout = limits.StorageNetworkTimeout,
        };
        var (client, authentication) = ReadStorage(configuration, settings, errors);
        var key = ReadKey(configuration, isDevelopment, errors);
        var policy = ReadPolicy(configuration, errors);

        if (errors.Count > 0)
        {
            throw new InvalidHandlerConfigurationException(errors);
        }

        return new HandlerConfiguration(port, isDevelopment, region, client!, authentication, key!, policy!, maxConcurrency, limits);
    }

    private static (BlobServiceClient? Client, string Authentication) ReadStorage(
        IConfiguration configuration, StorageClientSettings settings, List<string> errors)
    {
        var connectionString = Get(configuration, SettingNames.StorageConnectionString);
        var endpointText = Get(configuration, SettingNames.BlobEndpoint);
        if (connectionString is not null && endpointText is not null)
        {
            errors.Add($"Set only one of {SettingNames.StorageConnectionString} and {SettingNames.BlobEndpoint}.");
            return (null, "");
        }

        try
        {
            if (connectionString is not null)
            {
                try
                {
                    return (ResidencyBlobClients.FromConnectionString(connectionString, settings), "shared key");
                }
                catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
                {
                    errors.Add($"{SettingNames.StorageConnectionString} is not a valid storage connection string.");
                    return (null, "");
                }
            }

            if (endpointText is not null)
            {
                if (!Uri.TryCreate(endpointText, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("https" or "http"))
                {
                    errors.Add($"{SettingNames.BlobEndpoint} is not an absolute http(s) URL.");
                    return (null, "");
                }

                // The Azure.Identity convention AZURE_CLIENT_ID (set by infra/) names the user-assigned identity too.
                var clientId = Get(configuration, SettingNames.ManagedIdentityClientId) ?? Get(configuration, SettingNames.AzureClientId);
                var client = ResidencyBlobClients.FromEndpoint(endpoint, StorageCredentials.ManagedIdentity(clientId), settings);
                return (client, clientId is null ? "managed identity (system-assigned)" : "managed identity (user-assigned)");
            }
        }
        catch (ResidencyViolationException ex)
        {
            // The guard names the endpoint and region, which are not secrets; the account key never reaches it.
            errors.Add($"{SettingNames.Region} / storage endpoint refused: {ex.Message}" +
                (settings.IsDevelopment ? "" : $" (loopback storage needs {SettingNames.Environment}=Development)"));
            return (null, "");
        }

        errors.Add($"Set {SettingNames.StorageConnectionString} (Azurite or a key-based account) or {SettingNames.BlobEndpoint} (managed identity).");
        return (null, "");
    }

    private static HandlerLimits ReadLimits(IConfiguration configuration, List<string> errors)
    {
        const long MiB = 1024 * 1024;
        // Defaults keep an Elastic Premium EP1 (3.5 GB) far from its limit: peak <= ~90 MB + 8 x in-flight (docs/ingest.md).
        var maxRequest = ReadInt(configuration, SettingNames.MaxRequestMegabytes, 64, 1, 1024, errors);
        var inFlight = ReadInt(configuration, SettingNames.MaxInFlightMegabytes, 128, 1, 4096, errors);
        if (inFlight < maxRequest)
        {
            errors.Add($"{SettingNames.MaxInFlightMegabytes} must be at least {SettingNames.MaxRequestMegabytes}.");
        }

        var budget = ReadInt(configuration, SettingNames.StorageBudgetSeconds, 120, 5, 1800, errors);
        var networkTimeout = ReadInt(configuration, SettingNames.StorageNetworkTimeoutSeconds, 20, 1, 300, errors);
        if (networkTimeout > budget)
        {
            errors.Add($"{SettingNames.StorageNetworkTimeoutSeconds} must not exceed {SettingNames.StorageBudgetSeconds}.");
        }

        return new HandlerLimits(
            maxRequest * MiB,
            ReadInt(configuration, SettingNames.MaxConcurrentInvocations, 4, 1, 64, errors),
            inFlight * MiB,
            TimeSpan.FromSeconds(networkTimeout),
            TimeSpan.FromSeconds(budget));
    }

    private static PseudonymizationKey? ReadKey(IConfiguration configuration, bool isDevelopment, List<string> errors)
    {
        var keyText = Get(configuration, SettingNames.PseudonymKey);
        var keyId = Get(configuration, SettingNames.PseudonymKeyId);
        if (keyText is null)
        {
            if (isDevelopment)
            {
                return PseudonymizationKey.Development;
            }

            errors.Add($"{SettingNames.PseudonymKey} is required outside Development (base64, at least {MinimumKeyBytes} bytes; a Key Vault reference in Azure).");
            return null;
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(keyText);
        }
        catch (FormatException)
        {
            errors.Add($"{SettingNames.PseudonymKey} is not valid base64.");
            return null;
        }

        if (key.Length < MinimumKeyBytes)
        {
            errors.Add($"{SettingNames.PseudonymKey} decodes to {key.Length} bytes; at least {MinimumKeyBytes} are required.");
            return null;
        }

        if (keyId is null || !KeyIdPattern().IsMatch(keyId))
        {
            errors.Add($"{SettingNames.PseudonymKeyId} is required with {SettingNames.PseudonymKey}: 1-64 of letters, digits, '.', '_' and '-'.");
            return null;
        }

        return new PseudonymizationKey(keyId, key);
    }

    private static ClassificationPolicy? ReadPolicy(IConfiguration configuration, List<string> errors)
    {
        var path = Get(configuration, SettingNames.PolicyFile);
        if (path is null)
        {
            return ClassificationPolicy.Default;
        }

        try
        {
            return ClassificationPolicy.Load(File.ReadAllBytes(path));
        }
        catch (IOException)
        {
            errors.Add($"{SettingNames.PolicyFile} cannot be read.");
        }
        catch (UnauthorizedAccessException)
        {
            errors.Add($"{SettingNames.PolicyFile} cannot be read (access denied).");
        }
        catch (PolicyValidationException ex)
        {
            errors.Add($"{SettingNames.PolicyFile} is not a valid policy: {string.Join("; ", ex.Errors)}");
        }

        return null;
    }

    private static int ReadPort(IConfiguration configuration, List<string> errors)
    {
        var name = Get(configuration, SettingNames.Port) is not null ? SettingNames.Port : SettingNames.LegacyPort;
        var text = Get(configuration, name);
        if (text is null)
        {
            return DefaultPort;
        }

        // 0 asks for any free port (tests).
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            errors.Add($"{name} is not a port number.");
        }

        return port;
    }

    private static int ReadInt(IConfiguration configuration, string name, int fallback, int min, int max, List<string> errors)
    {
        var text = Get(configuration, name);
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            errors.Add($"{name} must be a whole number from {min} to {max}.");
            return fallback;
        }

        return value;
    }

    private static string? Get(IConfiguration configuration, string settingName)
    {
        var value = configuration[SettingNames.Key(settingName)];
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex KeyIdPattern();
}
