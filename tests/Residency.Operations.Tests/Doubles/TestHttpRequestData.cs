using System.Security.Claims;
using System.Text;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace Residency.Operations.Tests.Doubles;

/// <summary>An HttpRequestData with a URL, method, headers and body of the test's choosing.</summary>
internal sealed class TestHttpRequestData(FunctionContext context, string method, Uri url, byte[]? body = null) : HttpRequestData(context)
{
    public override Stream Body { get; } = new MemoryStream(body ?? [], writable: false);

    public override HttpHeadersCollection Headers { get; } = new();

    public override IReadOnlyCollection<IHttpCookie> Cookies { get; } = [];

    public override Uri Url { get; } = url;

    public override IEnumerable<ClaimsIdentity> Identities { get; } = [];

    public override string Method { get; } = method;

    public override HttpResponseData CreateResponse() => new TestHttpResponseData(FunctionContext);

    public static TestHttpRequestData Json(string method, Uri url, string json) => new(new TestFunctionContext(), method, url, Encoding.UTF8.GetBytes(json));
}
