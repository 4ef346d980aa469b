using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Residency.Cli.Simulation.EventHubs;

/// <summary>Publishes events to one hub through the Event Hubs REST API (batches, SAS or Entra token).</summary>
internal sealed class EventHubsRestClient
{
    public const string BatchContentType = "application/vnd.microsoft.servicebus.json";
    private const string ApiVersion = "2014-01";

    private readonly HttpPipeline _pipeline;
    private readonly Uri _messagesUri;
    private readonly int _maxBatchBytes;

    /// <summary>Signs with a shared access key (policy name and key).</summary>
    public EventHubsRestClient(Uri namespaceEndpoint, string eventHubName, AzureNamedKeyCredential credential, EventHubsRestClientOptions? options = null)
        : this(namespaceEndpoint, eventHubName, options ?? new EventHubsRestClientOptions(), o =>
            new SharedAccessSignaturePolicy(HubUri(namespaceEndpoint, eventHubName).AbsoluteUri, credential, o.SasLifetime))
    {
    }

    /// <summary>Authenticates with an Entra token (role Azure Event Hubs Data Sender).</summary>
    public EventHubsRestClient(Uri namespaceEndpoint, string eventHubName, TokenCredential credential, EventHubsRestClientOptions? options = null)
        : this(namespaceEndpoint, eventHubName, options ?? new EventHubsRestClientOptions(), o =>
            new BearerTokenAuthenticationPolicy(credential, o.TokenScope))
    {
    }

    private EventHubsRestClient(Uri namespaceEndpoint, string eventHubName, EventHubsRestClientOptions options,
        Func<EventHubsRestClientOptions, HttpPipelinePolicy> authentication)
    {
        ArgumentNullException.ThrowIfNull(namespaceEndpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventHubName);
        _messagesUri = new Uri(HubUri(namespaceEndpoint, eventHubName), $"{Uri.EscapeDataString(eventHubName)}/messages?timeout=60&api-version={ApiVersion}");
        _maxBatchBytes = options.MaxBatchBytes;
        _pipeline = HttpPipelineBuilder.Build(options, [], [authentication(options)], new ResponseClassifier());
    }

    /// <summary>The hub's resource URI (what a SAS token is scoped to).</summary>
    public static Uri HubUri(Uri namespaceEndpoint, string eventHubName) =>
        new(new Uri(namespaceEndpoint.GetLeftPart(UriPartial.Authority) + "/"), Uri.EscapeDataString(eventHubName));

    /// <summary>The publications the messages make: one partition key each, none over the size limit.</summary>
    public IEnumerable<EventHubsBatch> Batches(IEnumerable<EventHubsMessage> messages) => EventHubsBatchWriter.Split(messages, _maxBatchBytes);

    /// <summary>Sends the messages in as few batches as the size limit and partition keys allow; returns the number of requests.</summary>
    public async Task<int> SendAsync(IReadOnlyList<EventHubsMessage> messages, CancellationToken cancellationToken = default)
    {
        var requests = 0;
        foreach (var batch in Batches(messages))
        {
            await SendBatchAsync(batch, cancellationToken);
            requests++;
        }

        return requests;
    }

    /// <summary>Sends one publication; throws <see cref="RequestFailedException"/> once retries are spent.</summary>
    public async Task SendBatchAsync(EventHubsBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var message = _pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Post;
        message.Request.Uri.Reset(_messagesUri);
        message.Request.Headers.SetValue(HttpHeader.Names.ContentType, BatchContentType);
        message.Request.Content = RequestContent.Create(batch.Body);
        await _pipeline.SendAsync(message, cancellationToken);
        if (message.Response.IsError)
        {
            throw new RequestFailedException(message.Response);
        }
    }
}
