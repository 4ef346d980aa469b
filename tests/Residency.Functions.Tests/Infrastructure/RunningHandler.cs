using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Residency.Functions.Configuration;
using Residency.Ingest;
using Residency.Ingest.FunctionsHost;

namespace Residency.Functions.Tests.Infrastructure;

/// <summary>The real handler app on real Kestrel at a free loopback port, its logs captured; called over real HTTP.</summary>
internal sealed class RunningHandler : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningHandler(WebApplication app, Uri baseUri, CapturingLoggerProvider logs)
    {
        _app = app;
        BaseUri = baseUri;
        Logs = logs;
        Http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromMinutes(2) };
    }

    public Uri BaseUri { get; }

    public HttpClient Http { get; }

    public CapturingLoggerProvider Logs { get; }

    /// <summary>Development settings for an Azurite connection string, plus any overrides.</summary>
    public static Dictionary<string, string?> DevelopmentSettings(string connectionString, int storageMaxRetries = 1) => new()
    {
        [SettingNames.Environment] = "Development",
        [SettingNames.StorageConnectionString] = connectionString,
        [SettingNames.StorageMaxRetries] = storageMaxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static async Task<RunningHandler> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = HandlerApp.CreateBuilder([]);
        var values = settings.ToDictionary(s => SettingNames.Key(s.Key), s => s.Value);
        values[SettingNames.Port] = "0";
        foreach (var name in new[] { SettingNames.BlobEndpoint, SettingNames.PseudonymKey, SettingNames.PseudonymKeyId, SettingNames.PolicyFile })
        {
            values.TryAdd(SettingNames.Key(name), "");
        }

        builder.Configuration.AddInMemoryCollection(values);
        var logs = new CapturingLoggerProvider();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddProvider(logs);
        var app = HandlerApp.Build(builder, HandlerConfigurationLoader.Load(builder.Configuration));
        await app.StartAsync();
        return new RunningHandler(app, new Uri(app.Urls.Single().TrimEnd('/') + "/"), logs);
    }

    /// <summary>Posts a batch the way the host does (envelope, route, headers).</summary>
    public Task<HandlerReply> InvokeAsync(IngestBatch batch, HostArrayEncoding encoding = HostArrayEncoding.JsonString) =>
        PostAsync(HostInvocationWriter.Write(batch, encoding));

    public async Task<HandlerReply> PostAsync(byte[] requestBody, string? invocationId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "VehicleIngest");
        request.Headers.TryAddWithoutValidation("X-Azure-Functions-InvocationId", invocationId ?? Guid.NewGuid().ToString());
        request.Headers.Add("X-Azure-Functions-HostVersion", "4.1041.200");
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Azure-Functions-Host", "4.1041.200"));
        request.Content = new ByteArrayContent(requestBody);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return HandlerReply.Parse((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
