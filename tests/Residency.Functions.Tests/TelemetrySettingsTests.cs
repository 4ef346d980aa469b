using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Residency.Functions.Configuration;
using Residency.Functions.Telemetry;
using Residency.FunctionsHost;
using Xunit;

namespace Residency.Functions.Tests;

/// <summary>Telemetry is data too: an exporter endpoint outside Azure China stops the handler at start-up, like storage.</summary>
public class TelemetrySettingsTests
{
    private const string ChinaConnection =
        "InstrumentationKey=00000000-0000-0000-0000-000000000001;EndpointSuffix=applicationinsights.azure.cn;" +
        "IngestionEndpoint=https://chinanorth3-0.in.applicationinsights.azure.cn/;AADAudience=https://monitor.azure.cn/;ApplicationId=00000000-0000-0000-0000-000000000002";

    private const string PublicConnection =
        "InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=https://eastus-8.in.applicationinsights.azure.com/;AADAudience=https://monitor.azure.com/";

    private const string AzuriteKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private const string Azurite = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteKey};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;";

    private static List<string> Problems(bool development, params (string Name, string Value)[] settings)
    {
        var values = settings.Select(s => new KeyValuePair<string, string?>(HandlerSettingNames.Key(s.Name), s.Value)).ToList();
        if (development)
        {
            values.Add(new(HandlerSettingNames.Environment, "Development"));
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return TelemetryExport.From(configuration, new HandlerEnvironment(configuration)).Problems();
    }

    [Fact]
    public void The_china_connection_string_and_a_china_collector_are_accepted()
    {
        Assert.Empty(Problems(false, (TelemetrySettingNames.ApplicationInsightsConnectionString, ChinaConnection)));
        Assert.Empty(Problems(false, (TelemetrySettingNames.OtlpEndpoint, "https://otel.contoso.chinacloudapi.cn:4318")));
        Assert.Empty(Problems(false));
    }

    [Theory]
    [InlineData(PublicConnection, "IngestionEndpoint")]
    [InlineData("InstrumentationKey=00000000-0000-0000-0000-000000000001", "names no IngestionEndpoint")]
    [InlineData("InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=https://chinanorth3-0.in.applicationinsights.azure.cn/;AADAudience=https://monitor.azure.com/", "AADAudience")]
    [InlineData("InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=https://chinanorth3-0.in.applicationinsights.azure.cn/;AADAudience=https://monitor.azure.cn/;LiveEndpoint=https://eastus.livediagnostics.monitor.azure.com/", "LiveEndpoint")]
    [InlineData("InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=http://chinanorth3-0.in.applicationinsights.azure.cn/;AADAudience=https://monitor.azure.cn/", "not an https endpoint")]
    [InlineData("InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=https://azure.cn.example.com/;AADAudience=https://monitor.azure.cn/", "not an https endpoint")]
    public void A_connection_string_outside_azure_china_is_refused(string connectionString, string expected)
    {
        var problems = Problems(false, (TelemetrySettingNames.ApplicationInsightsConnectionString, connectionString));
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal) && p.Contains(TelemetrySettingNames.ApplicationInsightsConnectionString, StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("00000000-0000-0000-0000-000000000001", StringComparison.Ordinal));
    }

    [Fact]
    public void A_china_connection_string_without_an_audience_gets_azure_chinas()
    {
        const string WithoutAudience = "InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=https://chinanorth3-0.in.applicationinsights.azure.cn/";

        Assert.Empty(Problems(false, (TelemetrySettingNames.ApplicationInsightsConnectionString, WithoutAudience)));
        Assert.EndsWith(";AADAudience=https://monitor.azure.cn/", ApplicationInsightsConnection.WithChinaAudience(WithoutAudience), StringComparison.Ordinal);
        Assert.Equal(ChinaConnection, ApplicationInsightsConnection.WithChinaAudience(ChinaConnection));
    }

    [Theory]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "https://otlp.example.com:4318")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector.chinacloudapi.cn:4318")]
    [InlineData("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "https://api.honeycomb.io/v1/traces")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "not a url")]
    public void An_otlp_endpoint_outside_azure_china_is_refused(string setting, string endpoint)
    {
        Assert.Contains(Problems(false, (setting, endpoint)), p => p.StartsWith(setting, StringComparison.Ordinal));
    }

    [Fact]
    public void Loopback_collectors_are_for_development_only()
    {
        Assert.Empty(Problems(true, (TelemetrySettingNames.OtlpEndpoint, "http://127.0.0.1:4318")));
        Assert.Contains(Problems(false, (TelemetrySettingNames.OtlpEndpoint, "http://127.0.0.1:4318")), p => p.Contains("Development", StringComparison.Ordinal));
        Assert.Contains(Problems(false, (TelemetrySettingNames.OtlpEndpoint, "http://localhost:4317")), p => p.Contains("Development", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_sampler_is_refused_and_disabled_telemetry_checks_nothing()
    {
        Assert.NotEmpty(Problems(false, (TelemetrySettingNames.TracesSampler, "jaeger_remote")));
        Assert.NotEmpty(Problems(false, (TelemetrySettingNames.TracesSampler, "traceidratio"), (TelemetrySettingNames.TracesSamplerArgument, "2")));
        Assert.Empty(Problems(false, (TelemetrySettingNames.TracesSampler, "parentbased_traceidratio"), (TelemetrySettingNames.TracesSamplerArgument, "0.05")));
        Assert.Empty(Problems(false, (TelemetrySettingNames.SdkDisabled, "true"), (TelemetrySettingNames.OtlpEndpoint, "https://otlp.example.com")));
    }

    [Fact]
    public async Task The_handler_refuses_to_start_with_a_public_cloud_ingestion_endpoint()
    {
        var builder = HandlerApp.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [HandlerSettingNames.Key(HandlerSettingNames.Environment)] = "Development",
            [HandlerSettingNames.Key(HandlerSettingNames.StorageConnectionString)] = Azurite,
            [HandlerSettingNames.Key(HandlerSettingNames.Port)] = "0",
            [TelemetrySettingNames.ApplicationInsightsConnectionString] = PublicConnection,
        });
        await using var app = HandlerApp.Build(builder);

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        var failure = Assert.Single(refused.Failures);
        Assert.Contains(TelemetrySettingNames.ApplicationInsightsConnectionString, failure, StringComparison.Ordinal);
        Assert.Contains("eastus-8.in.applicationinsights.azure.com", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_handler_starts_with_the_china_connection_string_and_an_otlp_collector_in_development()
    {
        var builder = HandlerApp.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [HandlerSettingNames.Key(HandlerSettingNames.Environment)] = "Development",
            [HandlerSettingNames.Key(HandlerSettingNames.StorageConnectionString)] = Azurite,
            [HandlerSettingNames.Key(HandlerSettingNames.Port)] = "0",
            [TelemetrySettingNames.ApplicationInsightsConnectionString] = ChinaConnection,
            [TelemetrySettingNames.OtlpEndpoint] = "http://127.0.0.1:1",
        });
        await using var app = HandlerApp.Build(builder);

        await app.StartAsync();
        await app.StopAsync();
    }
}
