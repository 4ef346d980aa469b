using System.Buffers;
using System.Text.Json;
using Residency.Ingest;

namespace Residency.Functions.Endpoints;

/// <summary>
/// Writes the custom-handler response body the host expects: always JSON with Outputs, Logs and ReturnValue.
/// Logs lines go to the function log, so they carry counts, sequence numbers and reason codes only.
/// </summary>
internal static class InvocationResponse
{
    public static IResult Json(int statusCode, IReadOnlyList<string> logs, IngestOutcome? outcome = null)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("Outputs");
            writer.WriteEndObject();
            writer.WriteStartArray("Logs");
            foreach (var line in logs)
            {
                writer.WriteStringValue(line);
            }

            writer.WriteEndArray();
            writer.WritePropertyName("ReturnValue");
            if (outcome is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                IngestOutcomeJson.Write(writer, outcome);
            }

            writer.WriteEndObject();
        }

        return new JsonBody(statusCode, output.WrittenMemory);
    }

    private sealed class JsonBody(int statusCode, ReadOnlyMemory<byte> json) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = statusCode;
            httpContext.Response.ContentType = "application/json";
            httpContext.Response.ContentLength = json.Length;
            await httpContext.Response.Body.WriteAsync(json);
        }
    }
}
