using Azure.Messaging.EventHubs;

namespace Residency.Cli.Simulation.EventHubs;

/// <summary>
/// Where the simulator publishes: a namespace and hub reached with Entra ID, or the namespace a connection string
/// names. Only targets that pass <see cref="EventHubsResidency"/> can be built.
/// </summary>
internal sealed class EventHubsTarget
{
    /// <summary>The hub the product's devices publish to, used when neither the command line nor the connection string names one.</summary>
    public const string DefaultHubName = "vehicle-uploads";

    private EventHubsTarget(string fullyQualifiedNamespace, string hubName, string? connectionString, bool developmentEmulator)
    {
        FullyQualifiedNamespace = fullyQualifiedNamespace;
        HubName = hubName;
        ConnectionString = connectionString;
        IsDevelopmentEmulator = developmentEmulator;
    }

    /// <summary>The namespace host, e.g. myns.servicebus.chinacloudapi.cn (or the emulator's host).</summary>
    public string FullyQualifiedNamespace { get; }

    public string HubName { get; }

    /// <summary>The connection string (shared access key or emulator), or null to sign in with Entra ID.</summary>
    public string? ConnectionString { get; }

    public bool IsDevelopmentEmulator { get; }

    /// <summary>Whether the connection string itself names the hub (EntityPath); the SDK then takes no second name.</summary>
    public bool HubNamedByConnectionString { get; private init; }

    /// <summary>A namespace reached with Entra ID. Accepts a host name or a URL (sb://, amqps://, https://).</summary>
    public static (EventHubsTarget? Target, string? Error, bool Refused) ForNamespace(string namespaceText, string? hubName)
    {
        if (HostOf(namespaceText) is not { } host)
        {
            return (null, $"--namespace '{namespaceText}' is not a host name such as myns{EventHubsResidency.ChinaNamespaceSuffix}.", false);
        }

        return EventHubsResidency.Refusal(host, developmentEmulator: false) is { } refusal
            ? (null, refusal, true)
            : (new EventHubsTarget(host, hubName ?? DefaultHubName, null, false), null, false);
    }

    /// <summary>
    /// The namespace and hub a connection string names (its EntityPath wins over the default hub). The connection
    /// string holds a key: no message repeats it.
    /// </summary>
    public static (EventHubsTarget? Target, string? Error, bool Refused) ForConnectionString(string connectionString, string? namespaceText, string? hubName)
    {
        EventHubsConnectionStringProperties properties;
        try
        {
            properties = EventHubsConnectionStringProperties.Parse(connectionString);
        }
        catch (FormatException)
        {
            return (null, "the connection string is not an Event Hubs connection string (Endpoint=sb://...;SharedAccessKeyName=...;SharedAccessKey=...).", false);
        }

        var host = properties.Endpoint?.Host;
        if (string.IsNullOrEmpty(host))
        {
            return (null, "the connection string names no Endpoint.", false);
        }

        if (namespaceText is not null && !string.Equals(HostOf(namespaceText), host, StringComparison.OrdinalIgnoreCase))
        {
            return (null, $"--namespace '{namespaceText}' differs from the connection string's endpoint '{host}'.", false);
        }

        if (properties.EventHubName is { Length: > 0 } entityPath && hubName is not null && !string.Equals(entityPath, hubName, StringComparison.Ordinal))
        {
            return (null, $"--hub '{hubName}' differs from the connection string's EntityPath '{entityPath}'.", false);
        }

        var developmentEmulator = NamesDevelopmentEmulator(connectionString);
        if (EventHubsResidency.Refusal(host, developmentEmulator) is { } refusal)
        {
            return (null, refusal, true);
        }

        var named = properties.EventHubName is { Length: > 0 };
        var hub = named ? properties.EventHubName! : hubName ?? DefaultHubName;
        return (new EventHubsTarget(host, hub, connectionString, developmentEmulator) { HubNamedByConnectionString = named }, null, false);
    }

    /// <summary>
    /// Whether the connection string says UseDevelopmentEmulator=true. The SDK honours the flag (plain AMQP, no TLS)
    /// but keeps its parsed value internal in 5.12, so it is read here the way the SDK tokenizes: key=value pairs
    /// separated by ';', keys case-insensitive.
    /// </summary>
    private static bool NamesDevelopmentEmulator(string connectionString) =>
        connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2))
            .Any(pair => pair.Length == 2
                && string.Equals(pair[0].Trim(), "UseDevelopmentEmulator", StringComparison.OrdinalIgnoreCase)
                && bool.TryParse(pair[1].Trim(), out var on) && on);

    private static string? HostOf(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Contains("://", StringComparison.Ordinal))
        {
            return Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? uri.Host : null;
        }

        return Uri.CheckHostName(trimmed) == UriHostNameType.Dns ? trimmed : null;
    }
}
