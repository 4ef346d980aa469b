namespace Residency.Functions.Telemetry;

/// <summary>The standard settings the handler's telemetry reads (no setting of our own: the platform and OTel names).</summary>
internal static class TelemetrySettingNames
{
    /// <summary>The Application Insights component's connection string (Bicep sets it; carries the China ingestion endpoint).</summary>
    public const string ApplicationInsightsConnectionString = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>The OTLP collector; with it set, OTLP is exported and the other <c>OTEL_EXPORTER_OTLP_*</c> settings are honoured.</summary>
    public const string OtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Per-signal OTLP endpoints, guarded like the base endpoint.</summary>
    public static IReadOnlyList<string> OtlpSignalEndpoints { get; } =
        ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT"];

    /// <summary><c>true</c> turns every listener off (the bench's telemetry-off half).</summary>
    public const string SdkDisabled = "OTEL_SDK_DISABLED";

    /// <summary>always_on, always_off, traceidratio or parentbased_* of them (the OTel standard names).</summary>
    public const string TracesSampler = "OTEL_TRACES_SAMPLER";

    /// <summary>The ratio for the traceidratio samplers.</summary>
    public const string TracesSamplerArgument = "OTEL_TRACES_SAMPLER_ARG";
}
