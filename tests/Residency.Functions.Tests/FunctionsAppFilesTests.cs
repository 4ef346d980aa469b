using System.Text.Json;
using Residency.Testing;
using Xunit;

namespace Residency.Functions.Tests;

/// <summary>host.json and VehicleIngest/function.json hold exactly the settings the host contract needs.</summary>
public class FunctionsAppFilesTests
{
    private static JsonElement Read(params string[] path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine([RepoPaths.Root, "functions", "Residency.Functions", .. path])));
        return document.RootElement.Clone();
    }

    [Fact]
    public void Host_json_names_the_handler_executable_and_the_bundle_and_batch_settings()
    {
        var host = Read("host.json");
        Assert.Equal("2.0", host.GetProperty("version").GetString());
        var handler = host.GetProperty("customHandler");
        Assert.Equal("handler/Residency.Functions", handler.GetProperty("description").GetProperty("defaultExecutablePath").GetString());
        Assert.Equal("Residency.Functions", typeof(HandlerApp).Assembly.GetName().Name);
        Assert.False(handler.GetProperty("enableForwardingHttpRequest").GetBoolean());
        var bundle = host.GetProperty("extensionBundle");
        Assert.Equal("Microsoft.Azure.Functions.ExtensionBundle", bundle.GetProperty("id").GetString());
        Assert.Equal("[4.*, 5.0.0)", bundle.GetProperty("version").GetString());
        var eventHubs = host.GetProperty("extensions").GetProperty("eventHubs");
        // The batch size the storage benchmark measured best (README, "Storage benchmark"); fuller batches cost fewer requests.
        Assert.Equal(1000, eventHubs.GetProperty("maxEventBatchSize").GetInt32());
        Assert.Equal(100, eventHubs.GetProperty("minEventBatchSize").GetInt32());
        Assert.Equal("00:00:02", eventHubs.GetProperty("maxWaitTime").GetString());
        Assert.True(eventHubs.GetProperty("maxEventBatchSize").GetInt32() < Residency.FunctionsHost.HostInvocationReader.MaxEvents);
        Assert.Equal(1, eventHubs.GetProperty("batchCheckpointFrequency").GetInt32());
        Assert.Equal(2000, eventHubs.GetProperty("prefetchCount").GetInt32());
        Assert.Equal("fromStart", eventHubs.GetProperty("initialOffsetOptions").GetProperty("type").GetString());
    }

    [Fact]
    public void Function_json_takes_binary_batches_and_retries_forever()
    {
        var function = Read("VehicleIngest", "function.json");
        var binding = Assert.Single(function.GetProperty("bindings").EnumerateArray());
        Assert.Equal("eventHubTrigger", binding.GetProperty("type").GetString());
        Assert.Equal("events", binding.GetProperty("name").GetString());
        Assert.Equal("in", binding.GetProperty("direction").GetString());
        Assert.Equal("many", binding.GetProperty("cardinality").GetString());
        Assert.Equal("binary", binding.GetProperty("dataType").GetString());
        Assert.Equal("EventHubConnection", binding.GetProperty("connection").GetString());
        Assert.Equal("%EventHubName%", binding.GetProperty("eventHubName").GetString());
        Assert.Equal("%EventHubConsumerGroup%", binding.GetProperty("consumerGroup").GetString());
        var retry = function.GetProperty("retry");
        Assert.Equal("exponentialBackoff", retry.GetProperty("strategy").GetString());
        Assert.Equal(-1, retry.GetProperty("maxRetryCount").GetInt32());
        Assert.Equal("00:00:05", retry.GetProperty("minimumInterval").GetString());
        Assert.Equal("00:05:00", retry.GetProperty("maximumInterval").GetString());
    }

    [Fact]
    public void The_sample_settings_name_every_setting_the_handler_reads()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RepoPaths.Root, "local.settings.sample.json")));
        var values = document.RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name).ToHashSet();
        var read = typeof(Residency.FunctionsHost.HandlerOptions).GetProperties()
            .Select(p => Residency.FunctionsHost.HandlerSettingNames.Prefix + p.Name);
        Assert.All(read, name => Assert.Contains(name, values));
        Assert.Contains("FUNCTIONS_WORKER_RUNTIME", values);
        Assert.Equal("custom", document.RootElement.GetProperty("Values").GetProperty("FUNCTIONS_WORKER_RUNTIME").GetString());
        Assert.Contains("EventHubName", values);
        Assert.Contains("EventHubConsumerGroup", values);
        Assert.Contains("EventHubConnection__fullyQualifiedNamespace", values);
        Assert.Contains("AzureWebJobsStorage", values);
    }
}
