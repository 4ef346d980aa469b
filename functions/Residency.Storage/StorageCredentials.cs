using Azure.Core;
using Azure.Identity;

namespace Residency.Storage;

/// <summary>Builds the Entra ID credential for Blob storage in Azure China.</summary>
public static class StorageCredentials
{
    /// <summary>The environment variable Azure.Identity reads for the authority host.</summary>
    public const string AuthorityHostVariable = "AZURE_AUTHORITY_HOST";

    /// <summary>
    /// The managed identity of the Function app: system-assigned, or the user-assigned identity with
    /// <paramref name="clientId"/>. Managed identity needs no authority host: the platform endpoint knows its cloud.
    /// </summary>
    public static TokenCredential ManagedIdentity(string? clientId = null) =>
        new ManagedIdentityCredential(string.IsNullOrWhiteSpace(clientId)
            ? ManagedIdentityId.SystemAssigned
            : ManagedIdentityId.FromUserAssignedClientId(clientId));

    /// <summary>
    /// DefaultAzureCredential (environment, workload identity, managed identity, developer tools) against the authority
    /// named by <c>AZURE_AUTHORITY_HOST</c>, or Azure China's <c>https://login.chinacloudapi.cn</c> when it is not set.
    /// </summary>
    public static TokenCredential Default(string? managedIdentityClientId = null) =>
        new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            AuthorityHost = ResolveAuthorityHost(Environment.GetEnvironmentVariable(AuthorityHostVariable)),
            ManagedIdentityClientId = string.IsNullOrWhiteSpace(managedIdentityClientId) ? null : managedIdentityClientId,
        });

    /// <summary>The configured authority host when it is an absolute https URI, else Azure China's.</summary>
    public static Uri ResolveAuthorityHost(string? configured) =>
        Uri.TryCreate(configured?.Trim(), UriKind.Absolute, out var host) && host.Scheme == Uri.UriSchemeHttps
            ? host
            : AzureAuthorityHosts.AzureChina;
}
