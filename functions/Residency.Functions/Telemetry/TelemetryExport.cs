using System.Globalization;
using Residency.Functions.Configuration;

namespace Residency.Functions.Telemetry;

/// <summary>
/// Where telemetry goes, from the standard settings: Azure Monitor when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is
/// set, OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (both may be), nothing otherwise; and <c>OTEL_SDK_DISABLED</c>.
/// </summary>
internal sealed class TelemetryExport
{
    private TelemetryExport(IConfiguration configuration, HandlerEnvironment environment)
    {
        IsDevelopment = environment.IsDevelopment;
        Disabled = string.Equals(HandlerEnvironment.Read(configuration, TelemetrySettingNames.SdkDisabled), "true", StringComparison.OrdinalIgnoreCase);
        AzureMonitorConnectionString = HandlerEnvironment.Read(configuration, TelemetrySettingNames.ApplicationInsightsConnectionString);
        OtlpEndpoints = new[] { TelemetrySettingNames.OtlpEndpoint }.Concat(TelemetrySettingNames.OtlpSignalEndpoints)
            .Select(name => (name, value: HandlerEnvironment.Read(configuration, name)))
            .Where(p => p.value is not null)
            .ToDictionary(p => p.name, p => p.value!);
        ManagedIdentityClientId = HandlerEnvironment.Read(configuration, Residency.FunctionsHost.HandlerSettingNames.ManagedIdentityClientId)
            ?? environment.AzureClientId;
        TraceRatio = SamplerRatio(HandlerEnvironment.Read(configuration, TelemetrySettingNames.TracesSampler),
            HandlerEnvironment.Read(configuration, TelemetrySettingNames.TracesSamplerArgument));
    }

    public bool IsDevelopment { get; }

    /// <summary>OTEL_SDK_DISABLED=true: no exporter and no listener, the instruments record nothing.</summary>
    public bool Disabled { get; }

    public string? AzureMonitorConnectionString { get; }

    /// <summary>The OTLP endpoint settings that are set (base and per signal).</summary>
    public IReadOnlyDictionary<string, string> OtlpEndpoints { get; }

    public bool Otlp => OtlpEndpoints.ContainsKey(TelemetrySettingNames.OtlpEndpoint);

    public string? ManagedIdentityClientId { get; }

    /// <summary>The share of invocations traced (1 unless OTEL_TRACES_SAMPLER asks otherwise); null when the setting is not understood.</summary>
    public double? TraceRatio { get; }

    public static TelemetryExport From(IConfiguration configuration, HandlerEnvironment environment) => new(configuration, environment);

    /// <summary>Every reason these settings cannot be used: endpoints outside Azure China, an unknown sampler.</summary>
    public List<string> Problems()
    {
        var problems = new List<string>();
        if (Disabled)
        {
            return problems;
        }

        if (AzureMonitorConnectionString is { } connectionString)
        {
            problems.AddRange(ApplicationInsightsConnection.Problems(connectionString, IsDevelopment));
        }

        foreach (var (name, endpoint) in OtlpEndpoints)
        {
            if (TelemetryEndpointGuard.Refusal(name, endpoint, IsDevelopment) is { } refusal)
            {
                problems.Add(refusal);
            }
        }

        if (TraceRatio is null)
        {
            problems.Add($"{TelemetrySettingNames.TracesSampler} / {TelemetrySettingNames.TracesSamplerArgument}: use always_on, always_off, traceidratio or parentbased_* with a ratio from 0 to 1.");
        }

        return problems;
    }

    private static double? SamplerRatio(string? sampler, string? argument)
    {
        var ratio = 1.0;
        if (argument is not null && (!double.TryParse(argument, NumberStyles.Float, CultureInfo.InvariantCulture, out ratio) || ratio is < 0 or > 1))
        {
            return null;
        }

        return (sampler?.ToLowerInvariant() ?? "parentbased_always_on") switch
        {
            "always_on" or "parentbased_always_on" => 1.0,
            "always_off" or "parentbased_always_off" => 0.0,
            "traceidratio" or "parentbased_traceidratio" => ratio,
            _ => null,
        };
    }
}
