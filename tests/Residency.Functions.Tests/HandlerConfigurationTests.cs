using Microsoft.Extensions.Configuration;
using Residency.Functions.Configuration;
using Xunit;

namespace Residency.Functions.Tests;

/// <summary>Start-up validation: every bad setting is named, no value is ever shown.</summary>
public class HandlerConfigurationTests
{
    private const string AzuriteKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private const string Azurite = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteKey};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;";
    private const string ChinaAccount = $"DefaultEndpointsProtocol=https;AccountName=residencydata;AccountKey={AzuriteKey};EndpointSuffix=core.chinacloudapi.cn";
    private static readonly string ProductionKey = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray());

    private static HandlerConfiguration Load(params (string Name, string Value)[] settings) =>
        HandlerConfigurationLoader.Load(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(SettingNames.Key(s.Name), s.Value)))
            .Build());

    private static InvalidHandlerConfigurationException Invalid(params (string Name, string Value)[] settings) =>
        Assert.Throws<InvalidHandlerConfigurationException>(() => Load(settings));

    [Fact]
    public void Development_with_azurite_needs_nothing_else()
    {
        var configuration = Load((SettingNames.Environment, "Development"), (SettingNames.StorageConnectionString, Azurite));
        Assert.True(configuration.IsDevelopment);
        Assert.Equal("chinanorth3", configuration.Region);
        Assert.Equal("development", configuration.Key.KeyId);
        Assert.Equal(HandlerConfigurationLoader.DefaultPort, configuration.Port);
        Assert.Equal(8, configuration.MaxConcurrency);
    }

    [Fact]
    public void Production_with_a_china_account_and_a_key_is_accepted()
    {
        var configuration = Load(
            (SettingNames.StorageConnectionString, ChinaAccount), (SettingNames.Region, "chinanorth2"),
            (SettingNames.PseudonymKey, ProductionKey), (SettingNames.PseudonymKeyId, "kv-2026-11"), (SettingNames.Port, "41234"));
        Assert.False(configuration.IsDevelopment);
        Assert.Equal("kv-2026-11", configuration.Key.KeyId);
        Assert.Equal(41234, configuration.Port);
        Assert.Equal("https://residencydata.blob.core.chinacloudapi.cn/", configuration.BlobService.Uri.AbsoluteUri);
    }

    [Fact]
    public void Managed_identity_endpoint_is_accepted()
    {
        var configuration = Load(
            (SettingNames.BlobEndpoint, "https://residencydata.blob.core.chinacloudapi.cn"), (SettingNames.ManagedIdentityClientId, "00000000-0000-0000-0000-000000000001"),
            (SettingNames.PseudonymKey, ProductionKey), (SettingNames.PseudonymKeyId, "kv-1"));
        Assert.Equal("managed identity (user-assigned)", configuration.StorageAuthentication);
    }

    [Fact]
    public void Managed_identity_falls_back_to_azure_client_id_then_system_assigned()
    {
        (string, string)[] common = [(SettingNames.BlobEndpoint, "https://residencydata.blob.core.chinacloudapi.cn"),
            (SettingNames.PseudonymKey, ProductionKey), (SettingNames.PseudonymKeyId, "kv-1")];
        Assert.Equal("managed identity (user-assigned)", Load([.. common, (SettingNames.AzureClientId, "00000000-0000-0000-0000-000000000002")]).StorageAuthentication);
        Assert.Equal("managed identity (system-assigned)", Load(common).StorageAuthentication);
    }

    [Fact]
    public void Nothing_set_names_both_storage_settings_and_the_key()
    {
        var ex = Invalid();
        Assert.Contains(ex.Errors, e => e.Contains(SettingNames.StorageConnectionString, StringComparison.Ordinal) && e.Contains(SettingNames.BlobEndpoint, StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Contains(SettingNames.PseudonymKey, StringComparison.Ordinal));
    }

    [Fact]
    public void Loopback_storage_outside_development_is_refused()
    {
        var ex = Invalid((SettingNames.StorageConnectionString, Azurite), (SettingNames.PseudonymKey, ProductionKey), (SettingNames.PseudonymKeyId, "k"));
        var error = Assert.Single(ex.Errors);
        Assert.Contains(SettingNames.Environment + "=Development", error, StringComparison.Ordinal);
        Assert.DoesNotContain(AzuriteKey, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://residencydata.blob.core.windows.net", "chinanorth3")]
    [InlineData("https://residencydata.blob.core.chinacloudapi.cn", "chinaeast2")]
    [InlineData("https://residencydata.blob.core.chinacloudapi.cn", "westeurope")]
    public void Storage_outside_china_north_is_refused(string endpoint, string region)
    {
        var ex = Invalid((SettingNames.BlobEndpoint, endpoint), (SettingNames.Region, region),
            (SettingNames.PseudonymKey, ProductionKey), (SettingNames.PseudonymKeyId, "k"));
        Assert.Contains(SettingNames.Region, Assert.Single(ex.Errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not base64 !!", "is not valid base64")]
    [InlineData("c2hvcnQ=", "at least 32 are required")]
    public void A_bad_pseudonym_key_is_named_but_never_shown(string key, string expected)
    {
        var ex = Invalid((SettingNames.Environment, "Development"), (SettingNames.StorageConnectionString, Azurite),
            (SettingNames.PseudonymKey, key), (SettingNames.PseudonymKeyId, "k"));
        var error = Assert.Single(ex.Errors);
        Assert.Contains(SettingNames.PseudonymKey, error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain(key, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_without_a_key_id_is_refused()
    {
        var ex = Invalid((SettingNames.Environment, "Development"), (SettingNames.StorageConnectionString, Azurite), (SettingNames.PseudonymKey, ProductionKey));
        Assert.Contains(SettingNames.PseudonymKeyId, Assert.Single(ex.Errors), StringComparison.Ordinal);
        Assert.DoesNotContain(ProductionKey, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_connection_string_is_named_but_never_shown()
    {
        const string broken = "AccountName=devstoreaccount1;AccountKey=secret-value-123;garbage";
        var ex = Invalid((SettingNames.Environment, "Development"), (SettingNames.StorageConnectionString, broken));
        Assert.Contains(SettingNames.StorageConnectionString, Assert.Single(ex.Errors), StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value-123", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_storage_settings_at_once_are_refused()
    {
        var ex = Invalid((SettingNames.Environment, "Development"), (SettingNames.StorageConnectionString, Azurite),
            (SettingNames.BlobEndpoint, "https://residencydata.blob.core.chinacloudapi.cn"));
        Assert.Contains("only one", Assert.Single(ex.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void A_policy_file_that_policy_validate_refuses_stops_start_up_with_the_same_errors()
    {
        // The same checks as `residency policy validate`: here a second document after the policy.
        var path = Path.Combine(Path.GetTempPath(), $"policy-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, System.Text.Encoding.UTF8.GetString(Residency.Classification.ClassificationPolicy.DefaultPolicyJson.Span) + "\n{}");
        try
        {
            var ex = Invalid((SettingNames.Environment, "Development"), (SettingNames.StorageConnectionString, Azurite), (SettingNames.PolicyFile, path));
            var error = Assert.Single(ex.Errors);
            Assert.Contains(SettingNames.PolicyFile, error, StringComparison.Ordinal);
            Assert.Contains("the policy must be one JSON document, but more follows it", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(SettingNames.Port, "http")]
    [InlineData(SettingNames.Port, "70000")]
    [InlineData(SettingNames.MaxConcurrency, "0")]
    [InlineData(SettingNames.StorageMaxRetries, "-1")]
    [InlineData(SettingNames.PolicyFile, "/nonexistent/policy.json")]
    public void Bad_numbers_and_files_are_named(string setting, string value)
    {
        var ex = Invalid((SettingNames.Environment, "Development"), (SettingNames.StorageConnectionString, Azurite), (setting, value));
        Assert.Contains(setting, Assert.Single(ex.Errors), StringComparison.Ordinal);
    }
}
