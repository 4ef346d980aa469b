using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Residency.Infra.Tests.Arm;
using Residency.Ingest.Telemetry;
using Xunit;

namespace Residency.Infra.Tests;

/// <summary>
/// The alerts and the workbook, compiled by the real Bicep compiler, name only the metrics and dimensions the handler
/// emits: both sides are checked against the one list, <see cref="TelemetryNames"/>.
/// </summary>
public partial class TelemetryAlertTests
{
    private static readonly TemplateScope Alerts = InfraBuild.Module("alerts.bicep");
    private static readonly TemplateScope Workbook = InfraBuild.Module("workbook.bicep");

    public static TheoryData<string, string> AlertMetrics => new()
    {
        { "handler-500s", TelemetryNames.InvocationDuration },
        { "quarantine-share", TelemetryNames.Events },
        { "no-events-committed", TelemetryNames.Events },
        { "commit-lag-p95", TelemetryNames.CommitLag },
        { "storage-throttling", TelemetryNames.StorageRequests },
    };

    [Theory]
    [MemberData(nameof(AlertMetrics))]
    public void Each_alert_queries_the_metric_and_dimensions_the_handler_emits(string alert, string metric)
    {
        var query = Rule(alert)["query"]!.GetValue<string>();
        var instrument = TelemetryNames.Instruments.Single(i => i.Name == metric);

        Assert.Equal([metric], MetricNames(query));
        Assert.All(Dimensions(query), d => Assert.Contains(d, instrument.Tags));
    }

    [Fact]
    public void The_event_hubs_alert_compares_incoming_with_outgoing_messages()
    {
        var query = Rule("event-hubs-backlog")["query"]!.GetValue<string>();
        Assert.Contains("IncomingMessages", query, StringComparison.Ordinal);
        Assert.Contains("OutgoingMessages", query, StringComparison.Ordinal);
    }

    [Fact]
    public void The_action_group_has_an_email_and_an_optional_webhook_from_parameters()
    {
        var group = Assert.Single(Alerts.Resources, r => TemplateScope.TypeOf(r) == "Microsoft.Insights/actionGroups");
        Assert.Equal("global", group["location"]!.GetValue<string>());
        Assert.Equal("[parameters('alertEmail')]", group["properties"]!["emailReceivers"]![0]!["emailAddress"]!.GetValue<string>());
        Assert.Contains("alertWebhookUri", group["properties"]!["webhookReceivers"]!.ToJsonString(), StringComparison.Ordinal);
        var rules = Assert.Single(Alerts.Resources, r => TemplateScope.TypeOf(r) == "Microsoft.Insights/scheduledQueryRules");
        Assert.Contains("parameters('location')", rules["location"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_workbook_charts_every_instrument_and_names_nothing_else()
    {
        var text = File.ReadAllText(Path.Combine(InfraBuild.InfraDirectory, "workbooks", "ingest.workbook.json"));
        var reference = Workbook.Resources.Single(r => TemplateScope.TypeOf(r) == "Microsoft.Insights/workbooks")["properties"]!["serializedData"]!.GetValue<string>();
        // loadTextContent compiles to a variable holding the file's text.
        var variable = Regex.Match(reference, @"^\[variables\('([^']+)'\)\]$").Groups[1].Value;
        var compiled = Workbook.Variable(variable, out var found)!.GetValue<string>();
        Assert.True(found);
        var queries = JsonNode.Parse(compiled)!["items"]!.AsArray()
            .Select(i => i!["content"]?["query"]?.GetValue<string>()).OfType<string>().ToList();

        Assert.Equal(JsonNode.Parse(text)!.ToJsonString(), JsonNode.Parse(compiled)!.ToJsonString());
        Assert.Equal(TelemetryNames.Instruments.Select(i => i.Name).Order(), queries.SelectMany(MetricNames).Distinct().Order());
        foreach (var query in queries)
        {
            var instrument = TelemetryNames.Instruments.Single(i => i.Name == Assert.Single(MetricNames(query)));
            Assert.All(Dimensions(query), d => Assert.Contains(d, instrument.Tags));
        }
    }

    [Fact]
    public void Main_deploys_the_alerts_and_the_workbook_on_the_component()
    {
        var main = InfraBuild.Infra.Template(InfraBuild.MainFile)!;
        var names = main["resources"]!.AsArray().Select(r => r!["name"]?.GetValue<string>()).ToList();
        Assert.Contains("alerts", names);
        Assert.Contains("workbook", names);
    }

    private static JsonObject Rule(string name)
    {
        var rules = Alerts.Template["variables"]!["rules"]!.AsArray();
        return Assert.Single(rules, r => r!["name"]!.GetValue<string>() == name)!.AsObject();
    }

    private static List<string> MetricNames(string query) =>
        MetricName().Matches(query).Select(m => m.Groups[1].Value).Distinct().ToList();

    private static List<string> Dimensions(string query) =>
        Dimension().Matches(query).Select(m => m.Groups[1].Value).Distinct().ToList();

    [GeneratedRegex("name == \"([^\"]+)\"")]
    private static partial Regex MetricName();

    [GeneratedRegex("""customDimensions\["([^"]+)"\]""")]
    private static partial Regex Dimension();
}
