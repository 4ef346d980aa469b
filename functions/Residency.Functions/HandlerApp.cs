using System.Net;
using Residency.Functions.Admission;
using Residency.Functions.Configuration;
using Residency.Functions.Endpoints;
using Residency.Ingest;
using Residency.Storage;

namespace Residency.Functions;

/// <summary>Builds and runs the custom handler: a minimal API on 127.0.0.1:$FUNCTIONS_CUSTOMHANDLER_PORT.</summary>
internal static partial class HandlerApp
{

    /// <summary>Entry point: validates the settings (exit code 2 naming each bad setting) and serves until stopped.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = CreateBuilder(args);
        HandlerConfiguration configuration;
        try
        {
            configuration = HandlerConfigurationLoader.Load(builder.Configuration);
        }
        catch (InvalidHandlerConfigurationException ex)
        {
            await Console.Error.WriteLineAsync("Residency.Functions cannot start: invalid configuration.");
            foreach (var error in ex.Errors)
            {
                await Console.Error.WriteLineAsync("  - " + error);
            }

            return 2;
        }

        await using var app = Build(builder, configuration);
        await app.RunAsync();
        return 0;
    }

    /// <summary>The builder with the configuration sources (environment, command line) and server limits.</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        // The endpoint enforces its own limit: a larger request is streamed into quarantine, never refused with 413
        // (a refused batch would hold its partition, as the host retries it forever).
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = null);
        return builder;
    }

    /// <summary>Wires the pipeline and maps the endpoints: GET / (readiness) and POST /VehicleIngest.</summary>
    public static WebApplication Build(WebApplicationBuilder builder, HandlerConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        // An explicit endpoint wins over any ASPNETCORE_URLS/HTTP_PORTS the host's container may carry.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, configuration.Port));
        builder.Services.AddSingleton(configuration);
        builder.Services.AddSingleton(new ResidencyStore(configuration.BlobService,
            new ResidencyStoreOptions
            {
                Region = configuration.Region,
                MaxConcurrency = configuration.MaxConcurrency,
                IsDevelopment = configuration.IsDevelopment,
            }));
        builder.Services.AddSingleton(services => new IngestPipeline(configuration.Policy, configuration.Key,
            services.GetRequiredService<ResidencyStore>(),
            new IngestPipelineOptions { MaxConcurrency = configuration.MaxConcurrency, StorageBudget = configuration.Limits.StorageBudget }));
        builder.Services.AddSingleton(new InvocationAdmission(configuration.Limits.MaxConcurrentInvocations, configuration.Limits.MaxInFlightBytes));

        var app = builder.Build();
        app.MapGet("/", () => Results.Json(new Dictionary<string, string> { ["status"] = "ready" }, contentType: "application/json"));
        app.MapPost(VehicleIngestEndpoint.Route, VehicleIngestEndpoint.HandleAsync);

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Residency.Functions");
        var endpoint = configuration.BlobService.Uri.GetLeftPart(UriPartial.Authority);
        LogStarting(logger, configuration.Port, endpoint,
            configuration.StorageAuthentication, configuration.Region, configuration.Policy.Id, configuration.Policy.Sha256,
            configuration.Key.KeyId, configuration.IsDevelopment);
        return app;
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information,
        Message = "Residency handler on 127.0.0.1:{Port}; storage {Endpoint} ({Authentication}), region {Region}, policy {PolicyId} {PolicySha256}, key id {KeyId}, development {IsDevelopment}")]
    private static partial void LogStarting(ILogger logger, int port, string endpoint, string authentication, string region,
        string policyId, string policySha256, string keyId, bool isDevelopment);
}
