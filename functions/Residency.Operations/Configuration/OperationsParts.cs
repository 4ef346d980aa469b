using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Residency.Classification;
using Residency.Storage;
using Residency.Storage.Clients;

namespace Residency.Operations.Configuration;

/// <summary>
/// Builds the storage client and the pseudonymization key from the settings. Failures are
/// <see cref="OperationsSettingException"/>s naming the setting, so a bad setting stops the app before it takes work.
/// </summary>
public static partial class OperationsParts
{
    private const int MinimumKeyBytes = 32;

    /// <summary>The data account's client (Shared Key or managed identity), behind the RegionGuard.</summary>
    public static BlobServiceClient CreateStorage(IConfiguration configuration, OperationsEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var settings = new StorageClientSettings
        {
            Region = Read(configuration, OperationsSettingNames.Region) ?? "chinanorth3",
            IsDevelopment = environment.IsDevelopment,
        };
        var connectionString = Read(configuration, OperationsSettingNames.StorageConnectionString);
        var endpointText = Read(configuration, OperationsSettingNames.BlobEndpoint);
        try
        {
            switch (connectionString, endpointText)
            {
                case (not null, null):
                    return ResidencyBlobClients.FromConnectionString(connectionString, settings);
                case (null, not null) when Uri.TryCreate(endpointText, UriKind.Absolute, out var endpoint) && endpoint.Scheme is "https" or "http":
                    var clientId = Read(configuration, OperationsSettingNames.AzureClientId);
                    return ResidencyBlobClients.FromEndpoint(endpoint, StorageCredentials.ManagedIdentity(clientId), settings);
                case (null, not null):
                    throw new OperationsSettingException($"{OperationsSettingNames.BlobEndpoint} is not an absolute http(s) URL.");
                default:
                    throw new OperationsSettingException(
                        $"Set exactly one of {OperationsSettingNames.StorageConnectionString} (Azurite) and {OperationsSettingNames.BlobEndpoint} (managed identity).");
            }
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new OperationsSettingException($"{OperationsSettingNames.StorageConnectionString} is not a valid storage connection string.", e);
        }
        catch (ResidencyViolationException e)
        {
            throw new OperationsSettingException($"{OperationsSettingNames.Region} / storage endpoint refused: {e.Message}", e);
        }
    }

    /// <summary>The pseudonymization key; the public development key only in Development and only when none is set.</summary>
    public static PseudonymizationKey CreateKey(IConfiguration configuration, OperationsEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (Read(configuration, OperationsSettingNames.PseudonymKey) is not { } text)
        {
            return environment.IsDevelopment
                ? PseudonymizationKey.Development
                : throw new OperationsSettingException($"{OperationsSettingNames.PseudonymKey} is required outside Development (a Key Vault reference in Azure).");
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(text);
        }
        catch (FormatException e)
        {
            throw new OperationsSettingException($"{OperationsSettingNames.PseudonymKey} is not valid base64.", e);
        }

        if (key.Length < MinimumKeyBytes)
        {
            throw new OperationsSettingException($"{OperationsSettingNames.PseudonymKey} decodes to fewer than {MinimumKeyBytes} bytes.");
        }

        return Read(configuration, OperationsSettingNames.PseudonymKeyId) is { } keyId && KeyIdPattern().IsMatch(keyId)
            ? new PseudonymizationKey(keyId, key)
            : throw new OperationsSettingException($"{OperationsSettingNames.PseudonymKeyId} is required with {OperationsSettingNames.PseudonymKey}: 1-64 of letters, digits, '.', '_' and '-'.");
    }

    /// <summary>A setting's trimmed value, or null when unset or blank (an empty app setting counts as unset).</summary>
    public static string? Read(IConfiguration configuration, string settingName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[OperationsSettingNames.Key(settingName)];
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyIdPattern();
}
