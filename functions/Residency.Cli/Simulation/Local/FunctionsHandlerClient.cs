using System.Net.Http.Headers;
using System.Text.Json;
using Residency.Ingest;
using Residency.Ingest.FunctionsHost;

namespace Residency.Cli.Simulation.Local;

/// <summary>Posts batches to a custom handler exactly as the Functions host does (envelope, headers, route).</summary>
internal sealed class FunctionsHandlerClient(HttpClient http, Uri handlerBaseUri, HostArrayEncoding encoding = HostArrayEncoding.JsonString)
{
    private const string HostVersion = "4.1041.200";

    public async Task<HandlerInvocationResult> InvokeAsync(IngestBatch batch, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(handlerBaseUri, HostInvocationWriter.FunctionName));
        request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        request.Headers.Add("X-Azure-Functions-HostVersion", HostVersion);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Azure-Functions-Host", HostVersion));
        request.Content = new ByteArrayContent(HostInvocationWriter.Write(batch, encoding));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return HandlerInvocationResult.Parse((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
    }
}

/// <summary>The handler's answer: status, Logs lines and, on success, the batch outcome from ReturnValue.</summary>
internal sealed record HandlerInvocationResult(int StatusCode, string? ContentType, IReadOnlyList<string> Logs, IngestOutcome? Outcome, bool IsHostShaped)
{
    public bool Succeeded => StatusCode is >= 200 and < 300 && IsHostShaped;

    public static HandlerInvocationResult Parse(int statusCode, string? contentType, byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var shaped = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("Outputs", out _) &&
                         root.TryGetProperty(nameof(Logs), out var logsElement) && logsElement.ValueKind == JsonValueKind.Array &&
                         root.TryGetProperty("ReturnValue", out _);
            var logs = shaped ? root.GetProperty(nameof(Logs)).EnumerateArray().Select(l => l.GetString() ?? "").ToList() : [];
            var outcome = shaped && root.GetProperty("ReturnValue").ValueKind == JsonValueKind.Object
                ? IngestOutcomeJson.Read(root.GetProperty("ReturnValue"))
                : null;
            return new HandlerInvocationResult(statusCode, contentType, logs, outcome, shaped);
        }
        catch (JsonException)
        {
            return new HandlerInvocationResult(statusCode, contentType, [], null, false);
        }
    }
}
