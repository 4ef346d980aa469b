using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Residency.Cli.Simulation.EventHubs;

/// <summary>Signs every request with a SAS token for the hub, renewed well before it expires.</summary>
internal sealed class SharedAccessSignaturePolicy(string resourceUri, AzureNamedKeyCredential credential, TimeSpan lifetime) : HttpPipelineSynchronousPolicy
{
    private readonly Lock _gate = new();
    private string? _token;
    private DateTimeOffset _renewAt;

    public override void OnSendingRequest(HttpMessage message)
    {
        message.Request.Headers.SetValue(HttpHeader.Names.Authorization, Token());
    }

    private string Token()
    {
        lock (_gate)
        {
            var now = DateTimeOffset.UtcNow;
            if (_token is null || now >= _renewAt)
            {
                var (name, key) = credential;
                _token = EventHubsSharedAccessSignature.Create(resourceUri, name, key, now + lifetime);
                _renewAt = now + (lifetime / 2);
            }

            return _token;
        }
    }
}
