using System.Net;
using System.Text;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace Residency.Operations.Tests.Doubles;

/// <summary>An HttpResponseData that keeps what the function wrote.</summary>
internal sealed class TestHttpResponseData(FunctionContext context) : HttpResponseData(context)
{
    public override HttpStatusCode StatusCode { get; set; }

    public override HttpHeadersCollection Headers { get; set; } = new();

    public override Stream Body { get; set; } = new MemoryStream();

    public override HttpCookies Cookies => null!;

    public byte[] BodyBytes => ((MemoryStream)Body).ToArray();

    public string BodyText => Encoding.UTF8.GetString(BodyBytes);
}
