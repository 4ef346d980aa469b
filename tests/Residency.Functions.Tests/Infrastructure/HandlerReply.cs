using System.Text.Json;
using Residency.Ingest;

namespace Residency.Functions.Tests.Infrastructure;

/// <summary>The handler's HTTP answer, checked against the host's response contract.</summary>
internal sealed record HandlerReply(int Status, string? ContentType, string Body, IReadOnlyList<string> Logs, IngestOutcome? Outcome)
{
    public static HandlerReply Parse(int status, string? contentType, string body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var outputs = root.GetProperty("Outputs");
        if (outputs.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("Outputs is not an object.");
        }

        var logs = root.GetProperty(nameof(Logs)).EnumerateArray().Select(l => l.GetString()!).ToList();
        var returnValue = root.GetProperty("ReturnValue");
        var outcome = returnValue.ValueKind == JsonValueKind.Object ? IngestOutcomeJson.Read(returnValue) : null;
        return new HandlerReply(status, contentType, body, logs, outcome);
    }
}
