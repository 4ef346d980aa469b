using Azure.Identity;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Producer;

namespace Residency.Cli.Simulation.EventHubs;

/// <summary>Builds the SDK's producer for a target: Entra ID with the Azure China authority, or the connection string.</summary>
internal static class EventHubsProducerFactory
{
    /// <summary>The producer; <paramref name="retry"/> defaults to the SDK's exponential retries (3 tries after the first).</summary>
    public static EventHubProducerClient Create(EventHubsTarget target, EventHubsTransportType transport, EventHubsRetryOptions? retry = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        var options = new EventHubProducerClientOptions
        {
            Identifier = "residency-simulate",
            ConnectionOptions = new EventHubConnectionOptions { TransportType = transport },
            RetryOptions = retry ?? new EventHubsRetryOptions(),
        };

        if (target.ConnectionString is { } connectionString)
        {
            return target.HubNamedByConnectionString
                ? new EventHubProducerClient(connectionString, options)
                : new EventHubProducerClient(connectionString, target.HubName, options);
        }

        return new EventHubProducerClient(target.FullyQualifiedNamespace, target.HubName, ChinaCredential(), options);
    }

    /// <summary>DefaultAzureCredential signing in at the Azure China authority, unless AZURE_AUTHORITY_HOST says otherwise.</summary>
    private static DefaultAzureCredential ChinaCredential()
    {
        var credentialOptions = new DefaultAzureCredentialOptions();
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AZURE_AUTHORITY_HOST")))
        {
            credentialOptions.AuthorityHost = AzureAuthorityHosts.AzureChina;
        }

        return new DefaultAzureCredential(credentialOptions);
    }
}
