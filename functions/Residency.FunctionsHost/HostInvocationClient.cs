using System.Net.Http.Headers;
using Residency.Ingest;

namespace Residency.FunctionsHost;

/// <summary>
/// Posts invocations to a custom handler exactly as the Functions host does (route, headers, envelope) and reads the
/// answer. The local run, the benchmark, the soak and the tests all call the handler through it.
/// </summary>
public sealed class HostInvocationClient(HttpClient http, Uri handlerBaseUri)
{
    /// <summary>The host version the requests name (the host sends its own in these headers).</summary>
    public const string HostVersion = "4.1041.200";

    /// <summary>The handler's base address, for example <c>http://127.0.0.1:7072/</c>.</summary>
    public Uri BaseUri { get; } = handlerBaseUri;

    /// <summary>Posts one batch in the host's envelope.</summary>
    public Task<HostInvocationReply> InvokeAsync(
        IngestBatch batch, HostArrayEncoding encoding = HostArrayEncoding.JsonString, CancellationToken cancellationToken = default) =>
        PostAsync(HostInvocationWriter.Write(batch, encoding), cancellationToken: cancellationToken);

    /// <summary>Posts a request body as it is (also bodies no host would send) with the host's headers.</summary>
    public async Task<HostInvocationReply> PostAsync(byte[] body, string? invocationId = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUri, HostInvocationWriter.FunctionName));
        request.Headers.TryAddWithoutValidation("X-Azure-Functions-InvocationId", invocationId ?? Guid.NewGuid().ToString());
        request.Headers.Add("X-Azure-Functions-HostVersion", HostVersion);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Azure-Functions-Host", HostVersion));
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return new HostInvocationReply((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, bytes,
            HostInvocationResponse.TryParse(bytes));
    }

    /// <summary>The host's readiness probe: true once GET / answers with any HTTP status.</summary>
    public async Task<bool> AnswersAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await http.GetAsync(BaseUri, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
