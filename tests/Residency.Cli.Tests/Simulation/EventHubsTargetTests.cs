using Residency.Cli.Simulation.EventHubs;
using Xunit;

namespace Residency.Cli.Tests.Simulation;

/// <summary>Residency of the Event Hubs target: Azure China namespaces, or a development emulator named explicitly.</summary>
public class EventHubsTargetTests
{
    private const string Key = "c2VjcmV0LWtleS1mb3ItdGhlLXRlc3Qtb25seQ==";

    [Theory]
    [InlineData("myns.servicebus.chinacloudapi.cn", "myns.servicebus.chinacloudapi.cn")]
    [InlineData("MyNs.ServiceBus.ChinaCloudApi.cn", "MyNs.ServiceBus.ChinaCloudApi.cn")]
    [InlineData("sb://myns.servicebus.chinacloudapi.cn/", "myns.servicebus.chinacloudapi.cn")]
    public void An_azure_china_namespace_is_accepted(string text, string host)
    {
        var (target, error, _) = EventHubsTarget.ForNamespace(text, null);
        Assert.Null(error);
        Assert.Equal(host, target!.FullyQualifiedNamespace);
        Assert.Equal("vehicle-uploads", target.HubName);
        Assert.Null(target.ConnectionString);
    }

    [Theory]
    [InlineData("myns.servicebus.windows.net")]
    [InlineData("myns.servicebus.usgovcloudapi.net")]
    [InlineData("myns.servicebus.chinacloudapi.cn.example.com")]
    [InlineData("evilservicebus.chinacloudapi.cn")]
    [InlineData(".servicebus.chinacloudapi.cn")]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    public void A_namespace_outside_azure_china_is_refused(string text)
    {
        var (target, error, _) = EventHubsTarget.ForNamespace(text, null);
        Assert.Null(target);
        Assert.NotNull(error);
        Assert.True(error.Contains("outside Azure China", StringComparison.Ordinal) || error.Contains("not a host name", StringComparison.Ordinal), error);
    }

    [Fact]
    public void A_public_cloud_namespace_is_refused_with_the_rule_and_the_way_to_the_emulator()
    {
        var (_, error, refused) = EventHubsTarget.ForNamespace("myns.servicebus.windows.net", null);
        Assert.True(refused);
        Assert.Equal(
            "the Event Hubs namespace 'myns.servicebus.windows.net' is outside Azure China: only *.servicebus.chinacloudapi.cn is allowed, " +
            "or the development emulator through a connection string with UseDevelopmentEmulator=true.", error);
    }

    [Fact]
    public void A_china_connection_string_names_its_namespace_and_entity()
    {
        var connection = $"Endpoint=sb://myns.servicebus.chinacloudapi.cn/;SharedAccessKeyName=devices-send;SharedAccessKey={Key};EntityPath=uploads-test";
        var (target, error, _) = EventHubsTarget.ForConnectionString(connection, null, null);
        Assert.Null(error);
        Assert.Equal("myns.servicebus.chinacloudapi.cn", target!.FullyQualifiedNamespace);
        Assert.Equal("uploads-test", target.HubName);
        Assert.True(target.HubNamedByConnectionString);
        Assert.False(target.IsDevelopmentEmulator);
    }

    [Fact]
    public void A_public_cloud_connection_string_is_refused_without_repeating_its_key()
    {
        var (target, error, _) = EventHubsTarget.ForConnectionString(
            $"Endpoint=sb://myns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey={Key}", null, null);
        Assert.Null(target);
        Assert.Contains("'myns.servicebus.windows.net' is outside Azure China", error, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Endpoint=sb://localhost;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;", "localhost")]
    [InlineData("Endpoint=sb://127.0.0.1:5673;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;usedevelopmentemulator=True", "127.0.0.1")]
    [InlineData("Endpoint=sb://eventhubs-emulator;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true", "eventhubs-emulator")]
    public void The_development_emulator_named_explicitly_is_accepted(string connection, string host)
    {
        var (target, error, _) = EventHubsTarget.ForConnectionString(connection, null, "eh1");
        Assert.Null(error);
        Assert.True(target!.IsDevelopmentEmulator);
        Assert.Equal(host, target.FullyQualifiedNamespace);
        Assert.Equal("eh1", target.HubName);
        Assert.False(target.HubNamedByConnectionString);
    }

    [Theory]
    [InlineData("Endpoint=sb://myns.servicebus.windows.net;SharedAccessKeyName=k;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true", "neither a loopback address nor a container name")]
    [InlineData("Endpoint=sb://myns.servicebus.chinacloudapi.cn;SharedAccessKeyName=k;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true", "neither a loopback address nor a container name")]
    [InlineData("Endpoint=sb://localhost;SharedAccessKeyName=k;SharedAccessKey=SAS_KEY_VALUE", "outside Azure China")]
    [InlineData("Endpoint=sb://localhost;SharedAccessKeyName=k;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=false", "outside Azure China")]
    public void The_emulator_flag_is_needed_for_a_local_endpoint_and_only_allowed_for_one(string connection, string reason)
    {
        var (target, error, _) = EventHubsTarget.ForConnectionString(connection, null, null);
        Assert.Null(target);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_that_contradict_the_connection_string_are_usage_errors()
    {
        var connection = $"Endpoint=sb://myns.servicebus.chinacloudapi.cn/;SharedAccessKeyName=send;SharedAccessKey={Key};EntityPath=uploads";
        Assert.Contains("differs from the connection string's endpoint",
            EventHubsTarget.ForConnectionString(connection, "other.servicebus.chinacloudapi.cn", null).Error, StringComparison.Ordinal);
        Assert.Contains("differs from the connection string's EntityPath",
            EventHubsTarget.ForConnectionString(connection, null, "vehicle-uploads").Error, StringComparison.Ordinal);
        Assert.Null(EventHubsTarget.ForConnectionString(connection, "myns.servicebus.chinacloudapi.cn", "uploads").Error);
    }

    [Fact]
    public void A_malformed_connection_string_is_refused_without_repeating_it()
    {
        var (target, error, refused) = EventHubsTarget.ForConnectionString($"SharedAccessKey={Key};nonsense", null, null);
        Assert.Null(target);
        Assert.False(refused);
        Assert.StartsWith("the connection string ", error, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, error, StringComparison.Ordinal);
    }
}
