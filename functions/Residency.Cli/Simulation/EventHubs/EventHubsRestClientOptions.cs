using Azure.Core;

namespace Residency.Cli.Simulation.EventHubs;

/// <summary>Options of <see cref="EventHubsRestClient"/>: retries (429/503 included) come from <see cref="ClientOptions"/>.</summary>
internal sealed class EventHubsRestClientOptions : ClientOptions
{
    /// <summary>Largest request body (Standard tier and above: 1 MB per publication).</summary>
    public int MaxBatchBytes { get; set; } = 1024 * 1024;

    /// <summary>The Entra token scope for Event Hubs (the Chinese docs also mention https://eventhubs.chinacloudapi.cn/).</summary>
    public string TokenScope { get; set; } = "https://eventhubs.azure.net/.default";

    /// <summary>How long a SAS token is valid.</summary>
    public TimeSpan SasLifetime { get; set; } = TimeSpan.FromHours(1);
}
