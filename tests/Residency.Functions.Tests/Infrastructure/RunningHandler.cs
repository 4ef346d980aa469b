using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Residency.FunctionsHost;
using Residency.Ingest;

namespace Residency.Functions.Tests.Infrastructure;

/// <summary>The real handler app on real Kestrel at a free loopback port, its logs captured; called over real HTTP as the host calls it.</summary>
internal sealed class RunningHandler : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _http;

    private RunningHandler(WebApplication app, Uri baseUri, CapturingLoggerProvider logs)
    {
        _app = app;
        Logs = logs;
        _http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        Client = new HostInvocationClient(_http, baseUri);
    }

    public HostInvocationClient Client { get; }

    public CapturingLoggerProvider Logs { get; }

    /// <summary>Development settings for an Azurite connection string, plus any overrides.</summary>
    public static Dictionary<string, string?> DevelopmentSettings(string connectionString, int storageMaxRetries = 1) => new()
    {
        [HandlerSettingNames.Environment] = "Development",
        [HandlerSettingNames.StorageConnectionString] = connectionString,
        [HandlerSettingNames.StorageMaxRetries] = storageMaxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static async Task<RunningHandler> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = HandlerApp.CreateBuilder([]);
        var values = settings.ToDictionary(s => HandlerSettingNames.Key(s.Key), s => s.Value);
        values[HandlerSettingNames.Port] = "0";
        foreach (var name in new[] { HandlerSettingNames.BlobEndpoint, HandlerSettingNames.PseudonymKey, HandlerSettingNames.PseudonymKeyId, HandlerSettingNames.PolicyFile })
        {
            values.TryAdd(HandlerSettingNames.Key(name), "");
        }

        builder.Configuration.AddInMemoryCollection(values);
        var logs = new CapturingLoggerProvider();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddProvider(logs);
        var app = HandlerApp.Build(builder);
        await app.StartAsync();
        return new RunningHandler(app, new Uri(app.Urls.Single().TrimEnd('/') + "/"), logs);
    }

    /// <summary>Posts a batch the way the host does (envelope, route, headers).</summary>
    public Task<HostInvocationReply> InvokeAsync(IngestBatch batch, HostArrayEncoding encoding = HostArrayEncoding.JsonString) =>
        Client.InvokeAsync(batch, encoding);

    /// <summary>Posts a request body as it is, with the host's headers.</summary>
    public Task<HostInvocationReply> PostAsync(byte[] requestBody, string? invocationId = null) => Client.PostAsync(requestBody, invocationId);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
