using Residency.FunctionsHost;
using Residency.Ingest;

namespace Residency.Functions.Endpoints;

/// <summary>The host's response body (<see cref="HostInvocationResponse"/>) as an endpoint result.</summary>
internal static class InvocationResponse
{
    public static IResult Json(int statusCode, IReadOnlyList<string> logs, IngestOutcome? outcome = null) =>
        new JsonBody(statusCode, new HostInvocationResponse(logs, outcome).ToUtf8Json());

    private sealed class JsonBody(int statusCode, byte[] json) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => statusCode;

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = statusCode;
            httpContext.Response.ContentType = "application/json";
            httpContext.Response.ContentLength = json.Length;
            await httpContext.Response.Body.WriteAsync(json);
        }
    }
}
