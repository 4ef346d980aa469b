using System.Buffers;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker.Http;

namespace Residency.Operations.Http;

/// <summary>Writes the API's JSON answers; errors carry a reason that never repeats a value the caller sent.</summary>
public static class Answers
{
    /// <summary>An answer whose body <paramref name="write"/> writes as one JSON value.</summary>
    public static async Task<HttpResponseData> JsonAsync(HttpRequestData request, HttpStatusCode status, Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(write);
        // Relaxed escaping keeps reasons readable ('vin', not \u0027vin\u0027); the body is JSON, never HTML.
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }

        var response = request.CreateResponse(status);
        response.Headers.Add("Content-Type", "application/json; charset=utf-8");
        response.Headers.Add("Cache-Control", "no-store");
        await response.Body.WriteAsync(buffer.WrittenMemory).ConfigureAwait(false);
        return response;
    }

    /// <summary>An error answer: <c>{"error": reason}</c>.</summary>
    public static Task<HttpResponseData> ErrorAsync(HttpRequestData request, HttpStatusCode status, string reason) =>
        JsonAsync(request, status, w =>
        {
            w.WriteStartObject();
            w.WriteString("error", reason);
            w.WriteEndObject();
        });
}
