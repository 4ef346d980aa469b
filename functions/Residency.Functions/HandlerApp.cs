using System.Net;
using Microsoft.Extensions.Options;
using Residency.Classification;
using Residency.Functions.Admission;
using Residency.Functions.Configuration;
using Residency.Functions.Endpoints;
using Residency.Frames;
using Residency.Functions.Telemetry;
using Residency.FunctionsHost;
using Residency.Ingest;
using Residency.Ingest.Frames;
using Residency.Storage;

namespace Residency.Functions;

/// <summary>Builds and runs the custom handler: a minimal API on 127.0.0.1:$FUNCTIONS_CUSTOMHANDLER_PORT.</summary>
internal static partial class HandlerApp
{
    /// <summary>The exit code when a setting is invalid (each bad setting is named on stderr, never its value).</summary>
    public const int InvalidConfigurationExitCode = 2;

    /// <summary>Entry point: validates the settings at start and serves until stopped.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        await using var app = Build(CreateBuilder(args));
        try
        {
            // The pipeline verifies the frame models: a changed model stops the handler here, not at the first frame.
            var pipeline = app.Services.GetRequiredService<IngestPipeline>();
            await app.StartAsync();

            // The models compile while the handler starts listening; a model that cannot be compiled stops it.
            await pipeline.FrameModelsCompiled;
        }
        catch (ModelIntegrityException ex)
        {
            await Console.Error.WriteLineAsync("Residency.Functions cannot start: " + ex.Message);
            return InvalidConfigurationExitCode;
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync("Residency.Functions cannot start: invalid configuration.");
            foreach (var error in ex.Failures)
            {
                await Console.Error.WriteLineAsync("  - " + error);
            }

            return InvalidConfigurationExitCode;
        }

        await app.WaitForShutdownAsync();
        return 0;
    }

    /// <summary>The builder with the configuration sources (environment, command line) and server limits.</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        // A start that fails on a setting is reported once, naming each setting (RunAsync); not again with a stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        // The endpoint enforces its own limit: a larger request is streamed into quarantine, never refused with 413
        // (a refused batch would hold its partition, as the host retries it forever).
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = null);
        return builder;
    }

    /// <summary>Registers the settings and the pipeline and maps the endpoints: GET / (readiness), POST /VehicleIngest and POST /CloseDays.</summary>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHandlerSettings(builder.Configuration);
        builder.AddHandlerTelemetry();
        // An explicit endpoint wins over any ASPNETCORE_URLS/HTTP_PORTS the host's container may carry. Kestrel reads it
        // when it starts, after the settings were validated.
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, kestrel.ApplicationServices.GetRequiredService<HandlerEnvironment>().Port));
        builder.Services.AddSingleton(services =>
        {
            var options = services.GetRequiredService<IOptions<HandlerOptions>>().Value;
            var storage = services.GetRequiredService<StorageAccount>();
            return new ResidencyStore(storage.Client, storage.Settings, options.MaxConcurrency);
        });
        builder.Services.AddSingleton(services =>
        {
            var options = services.GetRequiredService<IOptions<HandlerOptions>>().Value;
            return new IngestPipeline(services.GetRequiredService<ClassificationPolicy>(), services.GetRequiredService<PseudonymizationKey>(),
                services.GetRequiredService<ResidencyStore>(),
                new IngestPipelineOptions
                {
                    MaxConcurrency = options.MaxConcurrency,
                    StorageBudget = services.GetRequiredService<HandlerLimits>().StorageBudget,
                    Frames = new FrameStageOptions
                    {
                        MaxFramesPerUpload = options.MaxFramesPerUpload,
                        MaxFramesPerInvocation = options.MaxFramesPerInvocation,
                        MaxFrameTimePerInvocation = TimeSpan.FromSeconds(options.MaxFrameSecondsPerInvocation),
                        MaxPixels = options.MaxFrameMegapixels * (1L << 20),
                        MaxConcurrentFrames = options.MaxConcurrentFrames,
                    },
                });
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(services =>
        {
            var limits = services.GetRequiredService<HandlerLimits>();
            return new InvocationAdmission(limits.MaxConcurrentInvocations, limits.MaxInFlightBytes);
        });

        var app = builder.Build();
        // A fixed body needs no serializer: the handler keeps clear of reflection-based JSON, which Native AOT cannot compile.
        app.MapGet("/", () => Results.Text("{\"status\":\"ready\"}", "application/json", System.Text.Encoding.UTF8));
        app.MapPost(VehicleIngestEndpoint.Route, VehicleIngestEndpoint.HandleAsync);
        app.MapPost(CloseDaysEndpoint.Route, CloseDaysEndpoint.HandleAsync);
        app.MapTelemetrySummary();
        app.Lifetime.ApplicationStarted.Register(() => LogStarted(app.Services));
        return app;
    }

    private static void LogStarted(IServiceProvider services)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Residency.Functions");
        if (!logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        var storage = services.GetRequiredService<StorageAccount>();
        var policy = services.GetRequiredService<ClassificationPolicy>();
        var endpoint = storage.Client.Uri.GetLeftPart(UriPartial.Authority);
        var port = services.GetRequiredService<HandlerEnvironment>().Port;
        var keyId = services.GetRequiredService<PseudonymizationKey>().KeyId;
        LogStarting(logger, port, endpoint, storage.Authentication, storage.Settings.NormalizedRegion, policy.Id, policy.Sha256, keyId,
            storage.Settings.IsDevelopment);
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information,
        Message = "Residency handler on 127.0.0.1:{Port}; storage {Endpoint} ({Authentication}), region {Region}, policy {PolicyId} {PolicySha256}, key id {KeyId}, development {IsDevelopment}")]
    private static partial void LogStarting(ILogger logger, int port, string endpoint, string authentication, string region,
        string policyId, string policySha256, string keyId, bool isDevelopment);
}
