using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Residency.Storage.Tests;

/// <summary>What <see cref="FaultInjectingHandler"/> does instead of forwarding a request.</summary>
public enum Fault
{
    /// <summary>Answer 503 Server Busy without reaching Azurite.</summary>
    ServiceUnavailable,

    /// <summary>Never answer: the pipeline's network timeout has to give up on the attempt.</summary>
    Hang,

    /// <summary>Fail the connection, as a reset or refused socket does.</summary>
    ConnectionFailure,
}

/// <summary>
/// Injects a fault into the first <c>faultCount</c> storage attempts; the rest reach the real Azurite. The decision is
/// taken in the Azure.Core pipeline (<see cref="Policy"/>, once per attempt), which also gives a hanging attempt a short
/// network timeout of its own: requests that do reach Azurite keep the client's ordinary timeout, so a slow machine
/// can never turn a real request into an injected failure. <see cref="Handler"/> carries the faults out below the
/// pipeline, as a broken network would.
/// </summary>
internal sealed class FaultInjectingHandler(Fault fault, int faultCount, bool shortTimeoutForHangs = true)
{
    private const string FaultHeader = "x-residency-injected-fault";
    private readonly Fault _fault = fault;
    private readonly int _faultCount = faultCount;
    private readonly bool _shortTimeoutForHangs = shortTimeoutForHangs;
    private int _attempts;

    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>Add to the client's pipeline (per retry).</summary>
    public HttpPipelinePolicy Policy => new MarkPolicy(this);

    /// <summary>The transport's message handler.</summary>
    public HttpMessageHandler Handler => new FaultHandler(_fault);

    private sealed class MarkPolicy(FaultInjectingHandler owner) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message)
        {
            // The message is sent again on a retry: every attempt is marked (or unmarked) afresh.
            message.Request.Headers.Remove(FaultHeader);
            message.NetworkTimeout = null;
            if (Interlocked.Increment(ref owner._attempts) <= owner._faultCount)
            {
                message.Request.Headers.SetValue(FaultHeader, "1");
                if (owner._fault == Fault.Hang && owner._shortTimeoutForHangs)
                {
                    message.NetworkTimeout = TimeSpan.FromMilliseconds(200);
                }
            }
        }
    }

    private sealed class FaultHandler(Fault fault) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!request.Headers.Remove(FaultHeader))
            {
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }

            switch (fault)
            {
                case Fault.ServiceUnavailable:
                    var busy = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request };
                    busy.Headers.Add("x-ms-error-code", "ServerBusy");
                    busy.Content = new StringContent(
                        "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>ServerBusy</Code><Message>Injected.</Message></Error>", System.Text.Encoding.UTF8, "application/xml");
                    return busy;
                case Fault.Hang:
                    await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                    throw new InvalidOperationException("unreachable");
                default:
                    throw new HttpRequestException("Injected connection failure.", new IOException("Connection reset by peer."));
            }
        }
    }
}
