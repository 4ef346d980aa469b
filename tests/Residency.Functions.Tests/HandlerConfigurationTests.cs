using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Residency.Classification;
using Residency.Functions.Configuration;
using Residency.FunctionsHost;
using Xunit;

namespace Residency.Functions.Tests;

/// <summary>Start-up validation through the Options pipeline the handler runs: every bad setting is named, no value is ever shown.</summary>
public class HandlerConfigurationTests
{
    private const string AzuriteKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private const string Azurite = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteKey};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;";
    private const string ChinaAccount = $"DefaultEndpointsProtocol=https;AccountName=residencydata;AccountKey={AzuriteKey};EndpointSuffix=core.chinacloudapi.cn";
    private static readonly string ProductionKey = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray());

    private static Loaded Load(params (string Name, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(HandlerSettingNames.Key(s.Name), s.Value)))
            .Build();
        var services = new ServiceCollection().AddHandlerSettings(configuration).BuildServiceProvider();
        // What ValidateOnStart does when the app starts: resolving the options runs every validator.
        _ = services.GetRequiredService<IOptions<HandlerOptions>>().Value;
        return new Loaded(services);
    }

    private static Invalidity Invalid(params (string Name, string Value)[] settings) =>
        new(Assert.Throws<OptionsValidationException>(() => Load(settings)));

    [Fact]
    public void Development_with_azurite_needs_nothing_else()
    {
        var configuration = Load((HandlerSettingNames.Environment, "Development"), (HandlerSettingNames.StorageConnectionString, Azurite));
        Assert.True(configuration.IsDevelopment);
        Assert.Equal("chinanorth3", configuration.Region);
        Assert.Equal("development", configuration.Key.KeyId);
        Assert.Equal(HandlerEnvironment.DefaultPort, configuration.Port);
        Assert.Equal(8, configuration.MaxConcurrency);
    }

    [Fact]
    public void Production_with_a_china_account_and_a_key_is_accepted()
    {
        var configuration = Load(
            (HandlerSettingNames.StorageConnectionString, ChinaAccount), (HandlerSettingNames.Region, "chinanorth2"),
            (HandlerSettingNames.PseudonymKey, ProductionKey), (HandlerSettingNames.PseudonymKeyId, "kv-2026-11"), (HandlerSettingNames.Port, "41234"));
        Assert.False(configuration.IsDevelopment);
        Assert.Equal("kv-2026-11", configuration.Key.KeyId);
        Assert.Equal(41234, configuration.Port);
        Assert.Equal("https://residencydata.blob.core.chinacloudapi.cn/", configuration.BlobService.Uri.AbsoluteUri);
    }

    [Fact]
    public void Managed_identity_endpoint_is_accepted()
    {
        var configuration = Load(
            (HandlerSettingNames.BlobEndpoint, "https://residencydata.blob.core.chinacloudapi.cn"), (HandlerSettingNames.ManagedIdentityClientId, "00000000-0000-0000-0000-000000000001"),
            (HandlerSettingNames.PseudonymKey, ProductionKey), (HandlerSettingNames.PseudonymKeyId, "kv-1"));
        Assert.Equal("managed identity (user-assigned)", configuration.StorageAuthentication);
    }

    [Fact]
    public void Managed_identity_falls_back_to_azure_client_id_then_system_assigned()
    {
        (string, string)[] common = [(HandlerSettingNames.BlobEndpoint, "https://residencydata.blob.core.chinacloudapi.cn"),
            (HandlerSettingNames.PseudonymKey, ProductionKey), (HandlerSettingNames.PseudonymKeyId, "kv-1")];
        Assert.Equal("managed identity (user-assigned)", Load([.. common, (HandlerSettingNames.AzureClientId, "00000000-0000-0000-0000-000000000002")]).StorageAuthentication);
        Assert.Equal("managed identity (system-assigned)", Load(common).StorageAuthentication);
    }

    [Fact]
    public void Nothing_set_names_both_storage_settings_and_the_key()
    {
        var ex = Invalid();
        Assert.Contains(ex.Errors, e => e.Contains(HandlerSettingNames.StorageConnectionString, StringComparison.Ordinal) && e.Contains(HandlerSettingNames.BlobEndpoint, StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Contains(HandlerSettingNames.PseudonymKey, StringComparison.Ordinal));
    }

    [Fact]
    public void Loopback_storage_outside_development_is_refused()
    {
        var ex = Invalid((HandlerSettingNames.StorageConnectionString, Azurite), (HandlerSettingNames.PseudonymKey, ProductionKey), (HandlerSettingNames.PseudonymKeyId, "k"));
        var error = Assert.Single(ex.Errors);
        Assert.Contains(HandlerSettingNames.Environment + "=Development", error, StringComparison.Ordinal);
        Assert.DoesNotContain(AzuriteKey, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://residencydata.blob.core.windows.net", "chinanorth3")]
    [InlineData("https://residencydata.blob.core.chinacloudapi.cn", "chinaeast2")]
    [InlineData("https://residencydata.blob.core.chinacloudapi.cn", "westeurope")]
    public void Storage_outside_china_north_is_refused(string endpoint, string region)
    {
        var ex = Invalid((HandlerSettingNames.BlobEndpoint, endpoint), (HandlerSettingNames.Region, region),
            (HandlerSettingNames.PseudonymKey, ProductionKey), (HandlerSettingNames.PseudonymKeyId, "k"));
        Assert.Contains(HandlerSettingNames.Region, Assert.Single(ex.Errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not base64 !!", "is not valid base64")]
    [InlineData("c2hvcnQ=", "at least 32 are required")]
    public void A_bad_pseudonym_key_is_named_but_never_shown(string key, string expected)
    {
        var ex = Invalid((HandlerSettingNames.Environment, "Development"), (HandlerSettingNames.StorageConnectionString, Azurite),
            (HandlerSettingNames.PseudonymKey, key), (HandlerSettingNames.PseudonymKeyId, "k"));
        var error = Assert.Single(ex.Errors);
        Assert.Contains(HandlerSettingNames.PseudonymKey, error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain(key, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_without_a_key_id_is_refused()
    {
        var ex = Invalid((HandlerSettingNames.Environment, "Development"), (HandlerSettingNames.StorageConnectionString, Azurite), (HandlerSettingNames.PseudonymKey, ProductionKey));
        Assert.Contains(HandlerSettingNames.PseudonymKeyId, Assert.Single(ex.Errors), StringComparison.Ordinal);
        Assert.DoesNotContain(ProductionKey, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_connection_string_is_named_but_never_shown()
    {
        const string broken = "AccountName=devstoreaccount1;AccountKey=secret-value-123;garbage";
        var ex = Invalid((HandlerSettingNames.Environment, "Development"), (HandlerSettingNames.StorageConnectionString, broken));
        Assert.Contains(HandlerSettingNames.StorageConnectionString, Assert.Single(ex.Errors), StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value-123", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_storage_settings_at_once_are_refused()
    {
        var ex = Invalid((HandlerSettingNames.Environment, "Development"), (HandlerSettingNames.StorageConnectionString, Azurite),
            (HandlerSettingNames.BlobEndpoint, "https://residencydata.blob.core.chinacloudapi.cn"));
        Assert.Contains("only one", Assert.Single(ex.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void A_policy_file_that_policy_validate_refuses_stops_start_up_with_the_same_errors()
    {
        // The same checks as `residency policy validate`: here a second document after the policy.
        var path = Path.Combine(Path.GetTempPath(), $"policy-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, System.Text.Encoding.UTF8.GetString(ClassificationPolicy.DefaultPolicyJson.Span) + "\n{}");
        try
        {
            var ex = Invalid((HandlerSettingNames.Environment, "Development"), (HandlerSettingNames.StorageConnectionString, Azurite), (HandlerSettingNames.PolicyFile, path));
            var error = Assert.Single(ex.Errors);
            Assert.Contains(HandlerSettingNames.PolicyFile, error, StringComparison.Ordinal);
            Assert.Contains("the policy must be one JSON document, but more follows it", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(HandlerSettingNames.Port, "http")]
    [InlineData(HandlerSettingNames.Port, "70000")]
    [InlineData(HandlerSettingNames.MaxConcurrency, "0")]
    [InlineData(HandlerSettingNames.StorageMaxRetries, "-1")]
    [InlineData(HandlerSettingNames.PolicyFile, "/nonexistent/policy.json")]
    public void Bad_numbers_and_files_are_named(string setting, string value)
    {
        var ex = Invalid((HandlerSettingNames.Environment, "Development"), (HandlerSettingNames.StorageConnectionString, Azurite), (setting, value));
        Assert.Contains(setting, Assert.Single(ex.Errors), StringComparison.Ordinal);
    }
}

/// <summary>What the handler would run with, resolved from its service provider.</summary>
internal sealed class Loaded(ServiceProvider services)
{
    public bool IsDevelopment => Storage.Settings.IsDevelopment;

    public string Region => Storage.Settings.NormalizedRegion;

    public PseudonymizationKey Key => services.GetRequiredService<PseudonymizationKey>();

    public int Port => services.GetRequiredService<HandlerEnvironment>().Port;

    public int MaxConcurrency => services.GetRequiredService<IOptions<HandlerOptions>>().Value.MaxConcurrency;

    public Azure.Storage.Blobs.BlobServiceClient BlobService => Storage.Client;

    public string StorageAuthentication => Storage.Authentication;

    private StorageAccount Storage => services.GetRequiredService<StorageAccount>();
}

/// <summary>The start-up failure: every message, and the whole text as an operator sees it.</summary>
internal sealed class Invalidity(OptionsValidationException exception)
{
    public IReadOnlyList<string> Errors => exception.Failures.ToList();

    public string Message => exception.Message;
}
