using Azure.Identity;
using Xunit;

namespace Residency.Storage.Tests;

/// <summary>The credential helper picks Azure China's authority unless AZURE_AUTHORITY_HOST says otherwise.</summary>
public sealed class StorageCredentialsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a uri")]
    [InlineData("http://login.chinacloudapi.cn")]
    public void Authority_defaults_to_azure_china(string? configured) =>
        Assert.Equal(AzureAuthorityHosts.AzureChina, StorageCredentials.ResolveAuthorityHost(configured));

    [Fact]
    public void Configured_authority_host_is_honoured() =>
        Assert.Equal(new Uri("https://login.partner.example/"), StorageCredentials.ResolveAuthorityHost(" https://login.partner.example/ "));

    [Fact]
    public void Credentials_build_for_system_and_user_assigned_identities()
    {
        Assert.IsType<ManagedIdentityCredential>(StorageCredentials.ManagedIdentity());
        Assert.IsType<ManagedIdentityCredential>(StorageCredentials.ManagedIdentity("00000000-0000-0000-0000-000000000001"));
        Assert.IsType<DefaultAzureCredential>(StorageCredentials.Default("00000000-0000-0000-0000-000000000001"));
    }
}
