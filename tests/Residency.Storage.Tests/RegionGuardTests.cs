using Residency.Storage.Clients;
using Xunit;

namespace Residency.Storage.Tests;

/// <summary>RegionGuard: China North endpoints pass, public cloud and other hosts fail, loopback only in Development.</summary>
public sealed class RegionGuardTests
{
    [Theory]
    [InlineData("https://vehicledata.blob.core.chinacloudapi.cn", "chinanorth3")]
    [InlineData("https://vehicledata.blob.core.chinacloudapi.cn/", "chinanorth2")]
    [InlineData("https://vehicledata.privatelink.blob.core.chinacloudapi.cn", "chinanorth3")]
    [InlineData("https://VehicleData.Blob.Core.ChinaCloudApi.cn", "ChinaNorth3")]
    [InlineData("https://abc.blob.core.chinacloudapi.cn:443/", " chinanorth3 ")]
    public void China_north_endpoints_are_allowed_in_every_environment(string endpoint, string region)
    {
        RegionGuard.EnsureAllowed(new Uri(endpoint), region, isDevelopment: false);
        RegionGuard.EnsureAllowed(new Uri(endpoint), region, isDevelopment: true);
    }

    [Theory]
    [InlineData("https://vehicledata.blob.core.windows.net")]
    [InlineData("https://vehicledata.blob.core.usgovcloudapi.net")]
    [InlineData("https://vehicledata.blob.core.chinacloudapi.cn.evil.example")]
    [InlineData("https://vehicledatablob.core.chinacloudapi.cn")]
    [InlineData("https://vehicledata.file.core.chinacloudapi.cn")]
    [InlineData("https://vehicledata-secondary.blob.core.chinacloudapi.cn")]
    [InlineData("https://a.b.blob.core.chinacloudapi.cn")]
    [InlineData("http://vehicledata.blob.core.chinacloudapi.cn")]
    [InlineData("https://vehicledata.blob.core.chinacloudapi.cn:8443")]
    [InlineData("https://vehicledata.blob.core.chinacloudapi.cn/devstoreaccount1")]
    [InlineData("https://user@vehicledata.blob.core.chinacloudapi.cn")]
    [InlineData("http://10.0.0.5:10000/devstoreaccount1")]
    [InlineData("http://azurite:10000/devstoreaccount1")]
    [InlineData("https://example.com")]
    public void Other_endpoints_are_refused_even_in_development_and_the_error_names_them(string endpoint)
    {
        foreach (var isDevelopment in new[] { false, true })
        {
            var e = Assert.Throws<ResidencyViolationException>(
                () => RegionGuard.EnsureAllowed(new Uri(endpoint), "chinanorth3", isDevelopment));
            Assert.Contains(new Uri(endpoint).Host, e.Message, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1")]
    [InlineData("http://127.8.9.10:41234/devstoreaccount1")]
    [InlineData("http://localhost:10000/devstoreaccount1")]
    [InlineData("http://[::1]:10000/devstoreaccount1")]
    [InlineData("https://127.0.0.1:10000/devstoreaccount1")]
    public void Loopback_is_allowed_only_in_development(string endpoint)
    {
        RegionGuard.EnsureAllowed(new Uri(endpoint), "chinanorth3", isDevelopment: true);

        var e = Assert.Throws<ResidencyViolationException>(
            () => RegionGuard.EnsureAllowed(new Uri(endpoint), "chinanorth3", isDevelopment: false));
        Assert.Contains("Development", e.Message, StringComparison.Ordinal);
        Assert.Contains(new Uri(endpoint).GetLeftPart(UriPartial.Path), e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("chinanorth")]
    [InlineData("chinaeast3")]
    [InlineData("chinaeast2")]
    [InlineData("eastus")]
    [InlineData("")]
    [InlineData("china north 3")]
    public void Regions_outside_the_project_china_north_list_are_refused(string region)
    {
        var e = Assert.Throws<ResidencyViolationException>(
            () => RegionGuard.EnsureAllowed(new Uri("https://vehicledata.blob.core.chinacloudapi.cn"), region, isDevelopment: true));
        Assert.Contains("chinanorth3, chinanorth2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_error_never_shows_a_query_string()
    {
        var e = Assert.Throws<ResidencyViolationException>(() => RegionGuard.EnsureAllowed(
            new Uri("https://vehicledata.blob.core.windows.net/?sv=2021&sig=SECRET"), "chinanorth3", isDevelopment: false));

        Assert.DoesNotContain("SECRET", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_clients_and_the_store_refuse_a_disallowed_endpoint()
    {
        var key = Convert.ToBase64String(new byte[32]);
        var publicCloud = new Azure.Storage.Blobs.BlobServiceClient(
            new Uri("https://vehicledata.blob.core.windows.net"), new Azure.Storage.StorageSharedKeyCredential("vehicledata", key));

        Assert.Throws<ResidencyViolationException>(() => new ResidencyStore(publicCloud, new StorageClientSettings()));
        Assert.Throws<ResidencyViolationException>(() => ResidencyBlobClients.FromConnectionString(
            $"AccountName=vehicledata;AccountKey={key}", new StorageClientSettings()));
        Assert.Throws<ResidencyViolationException>(() => ResidencyBlobClients.FromConnectionString(
            "UseDevelopmentStorage=true", new StorageClientSettings { IsDevelopment = false }));
        Assert.Throws<ResidencyViolationException>(() => ResidencyBlobClients.FromEndpoint(
            new Uri("https://vehicledata.blob.core.chinacloudapi.cn"), new Azure.Identity.ManagedIdentityCredential(Azure.Identity.ManagedIdentityId.SystemAssigned),
            new StorageClientSettings { Region = "chinaeast2" }));
    }

    [Fact]
    public void Client_options_keep_http_logging_and_tracing_off_and_take_the_retry_budget()
    {
        var options = ResidencyBlobClients.CreateOptions(new StorageClientSettings { MaxRetries = 2, NetworkTimeout = TimeSpan.FromSeconds(7) });

        Assert.False(options.Diagnostics.IsLoggingEnabled);
        Assert.False(options.Diagnostics.IsDistributedTracingEnabled);
        Assert.False(options.Diagnostics.IsLoggingContentEnabled);
        Assert.Equal(2, options.Retry.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(7), options.Retry.NetworkTimeout);
    }

    [Fact]
    public void Sas_connection_strings_are_refused()
    {
        var e = Assert.Throws<FormatException>(() => ResidencyBlobClients.FromConnectionString(
            "BlobEndpoint=https://vehicledata.blob.core.chinacloudapi.cn;SharedAccessSignature=sv=2025-05-05&sig=SECRET", new StorageClientSettings()));

        Assert.DoesNotContain("SECRET", e.Message, StringComparison.Ordinal);
    }
}
