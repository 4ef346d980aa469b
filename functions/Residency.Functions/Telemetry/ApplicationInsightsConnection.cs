namespace Residency.Functions.Telemetry;

/// <summary>
/// Checks an Application Insights connection string before the exporter may use it: its ingestion endpoint (and any
/// other endpoint it names) must pass the <see cref="TelemetryEndpointGuard"/>, and an Entra ID audience it names must be
/// Azure China's, since local auth is off and the exporter takes its token scope from it (one it does not name is
/// supplied, <see cref="WithChinaAudience"/>: the exporter's default is the public cloud's).
/// </summary>
internal static class ApplicationInsightsConnection
{
    /// <summary>The audience of Azure Monitor in Azure China.</summary>
    public const string ChinaAudience = "https://monitor.azure.cn/";

    private static readonly string[] EndpointKeys = ["IngestionEndpoint", "LiveEndpoint", "ProfilerEndpoint", "SnapshotEndpoint"];

    /// <summary>Every problem with the connection string (empty when it may be used). Never quotes a value but hosts.</summary>
    public static List<string> Problems(string connectionString, bool isDevelopment)
    {
        var name = TelemetrySettingNames.ApplicationInsightsConnectionString;
        var parts = Parse(connectionString);
        var problems = new List<string>();
        if (!parts.ContainsKey("InstrumentationKey"))
        {
            problems.Add($"{name} has no InstrumentationKey.");
        }

        // Without an ingestion endpoint the exporter falls back to the public cloud's.
        if (!parts.TryGetValue("IngestionEndpoint", out _))
        {
            problems.Add($"{name} refused: it names no IngestionEndpoint, so telemetry would go to the public cloud's; use the component's connection string (Azure China).");
        }

        foreach (var key in EndpointKeys)
        {
            if (parts.TryGetValue(key, out var endpoint) && TelemetryEndpointGuard.Refusal($"{name} {key}", endpoint, isDevelopment) is { } refusal)
            {
                problems.Add(refusal);
            }
        }

        if (parts.TryGetValue("EndpointSuffix", out var suffix) && !TelemetryEndpointGuard.IsChinaHost("x." + suffix.TrimStart('.')))
        {
            problems.Add($"{name} refused: EndpointSuffix '{suffix}' is not in Azure China.");
        }

        if (parts.TryGetValue("AADAudience", out var audience) && !isDevelopment &&
            !string.Equals(audience.TrimEnd('/'), ChinaAudience.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{name} refused: AADAudience must be {ChinaAudience} (managed identity in Azure China).");
        }

        return problems;
    }

    /// <summary>The connection string with <c>AADAudience</c> set to Azure China's when it names none.</summary>
    public static string WithChinaAudience(string connectionString) =>
        Parse(connectionString).ContainsKey("AADAudience") ? connectionString : connectionString.TrimEnd(';') + ";AADAudience=" + ChinaAudience;

    private static Dictionary<string, string> Parse(string connectionString) =>
        connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(pair => pair.Length == 2 && pair[0].Length > 0)
            .GroupBy(pair => pair[0], StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.OrdinalIgnoreCase);
}
