using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Residency.Functions.Configuration;
using Residency.FunctionsHost;
using Residency.Ingest.Telemetry;
using Residency.Storage;

namespace Residency.Functions.Telemetry;

/// <summary>
/// Wires the ingest instruments to the exporters the settings ask for (docs/operations.md): Azure Monitor with the
/// app's managed identity, OTLP honouring the <c>OTEL_*</c> settings, or none. The settings are checked at start-up
/// with the others; a refused endpoint stops the app before any exporter is built.
/// </summary>
internal static class HandlerTelemetry
{
    /// <summary>The service name resources carry.</summary>
    public const string ServiceName = "residency-ingest";

    public static WebApplicationBuilder AddHandlerTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var export = TelemetryExport.From(builder.Configuration, new HandlerEnvironment(builder.Configuration));
        builder.Services.AddSingleton(export);
        builder.Services.AddSingleton<IValidateOptions<HandlerOptions>, TelemetrySettingsRules>();
        // The local summary (GET /telemetry/summary) listens from the start, in Development only.
        if (export.IsDevelopment && !export.Disabled)
        {
            builder.Services.AddSingleton(new MetricsSummary());
        }

        var exportsSomewhere = export.AzureMonitorConnectionString is not null || export.Otlp;
        if (export.Disabled || !exportsSomewhere || export.Problems().Count > 0)
        {
            return builder;
        }

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics => metrics.AddMeter(TelemetryNames.Meter))
            .WithTracing(tracing => tracing
                .AddSource(TelemetryNames.ActivitySource)
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(export.TraceRatio ?? 1.0))));
        if (export.AzureMonitorConnectionString is { } connectionString)
        {
            // Local auth is off on the component: the managed identity's token, scoped by the string's AADAudience.
            var credential = StorageCredentials.ManagedIdentity(export.ManagedIdentityClientId);
            otel.WithMetrics(metrics => metrics.AddAzureMonitorMetricExporter(o => Configure(o, connectionString), credential))
                .WithTracing(tracing => tracing.AddAzureMonitorTraceExporter(o => Configure(o, connectionString), credential));
        }

        if (export.Otlp)
        {
            otel.UseOtlpExporter();
        }

        return builder;
    }

    private static void Configure(AzureMonitorExporterOptions options, string connectionString)
    {
        options.ConnectionString = ApplicationInsightsConnection.WithChinaAudience(connectionString);
        // Live Metrics would open a second endpoint whose Entra ID support in Azure China is not confirmed.
        options.EnableLiveMetrics = false;
    }
}
