using System.Net;

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
/// Sits in the HTTP stack under the Azure.Core pipeline: the first <c>faultCount</c> requests get the fault,
/// the rest go to the real Azurite. Counts every attempt that reaches it.
/// </summary>
internal sealed class FaultInjectingHandler(Fault fault, int faultCount) : DelegatingHandler(new SocketsHttpHandler())
{
    private int _attempts;

    public int Attempts => Volatile.Read(ref _attempts);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref _attempts);
        if (attempt > faultCount)
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
