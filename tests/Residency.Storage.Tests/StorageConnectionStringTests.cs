using Xunit;

namespace Residency.Storage.Tests;

/// <summary>Connection string forms: development storage, account + suffix, explicit endpoint; errors never echo the key.</summary>
public sealed class StorageConnectionStringTests
{
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    [Fact]
    public void Development_storage_is_azurite_on_its_default_port()
    {
        var parsed = StorageConnectionString.Parse("UseDevelopmentStorage=true");

        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), parsed.BlobEndpoint);
        Assert.Equal("devstoreaccount1", parsed.Credential.AccountName);
    }

    [Fact]
    public void Development_storage_honours_the_proxy_uri()
    {
        var parsed = StorageConnectionString.Parse("UseDevelopmentStorage=true;DevelopmentStorageProxyUri=http://localhost");

        Assert.Equal(new Uri("http://localhost:10000/devstoreaccount1"), parsed.BlobEndpoint);
    }

    [Fact]
    public void Account_and_endpoint_suffix_build_the_china_blob_endpoint()
    {
        var parsed = StorageConnectionString.Parse(
            $"DefaultEndpointsProtocol=https;AccountName=vehicledata;AccountKey={Key};EndpointSuffix=core.chinacloudapi.cn");

        Assert.Equal(new Uri("https://vehicledata.blob.core.chinacloudapi.cn"), parsed.BlobEndpoint);
        Assert.Equal("vehicledata", parsed.Credential.AccountName);
    }

    [Fact]
    public void Missing_suffix_means_public_cloud_which_the_region_guard_refuses()
    {
        var parsed = StorageConnectionString.Parse($"AccountName=vehicledata;AccountKey={Key}");

        Assert.Equal(new Uri("https://vehicledata.blob.core.windows.net"), parsed.BlobEndpoint);
        Assert.Throws<ResidencyViolationException>(() => RegionGuard.EnsureAllowed(parsed.BlobEndpoint, "chinanorth3", isDevelopment: false));
    }

    [Fact]
    public void Explicit_blob_endpoint_wins_and_order_and_case_and_spaces_do_not_matter()
    {
        var parsed = StorageConnectionString.Parse(
            $" blobendpoint = http://127.0.0.1:41000/devstoreaccount1 ; accountkey={Key};ACCOUNTNAME=devstoreaccount1;");

        Assert.Equal(new Uri("http://127.0.0.1:41000/devstoreaccount1"), parsed.BlobEndpoint);
        Assert.Equal("devstoreaccount1", parsed.Credential.AccountName);
    }

    [Theory]
    [InlineData("AccountKey=" + Key, "AccountName")]
    [InlineData("AccountName=a", "AccountKey")]
    [InlineData("AccountName=a;AccountKey=" + Key + ";BlobEndpoint=not a uri", "BlobEndpoint")]
    [InlineData("AccountName=a;AccountKey=" + Key + ";DefaultEndpointsProtocol=ftp", "DefaultEndpointsProtocol")]
    [InlineData("AccountName=a;SharedAccessSignature=sv=1&sig=x", "SAS")]
    [InlineData("garbage", "name=value")]
    public void Bad_connection_strings_name_the_problem(string connectionString, string expected)
    {
        var e = Assert.ThrowsAny<Exception>(() => StorageConnectionString.Parse(connectionString));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_that_is_not_base64_is_refused_without_echoing_it()
    {
        var e = Assert.Throws<FormatException>(() => StorageConnectionString.Parse("AccountName=a;AccountKey=not*base64!"));

        Assert.Contains("AccountKey", e.Message, StringComparison.Ordinal);

        Assert.DoesNotContain("not*base64!", e.Message, StringComparison.Ordinal);
    }
}
