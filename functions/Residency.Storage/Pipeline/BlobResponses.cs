using System.Globalization;
using Azure;

namespace Residency.Storage.Pipeline;

/// <summary>Reads blob properties, metadata and error codes from response headers.</summary>
internal static class BlobResponses
{
    public static BlobProperties Properties(Response response)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers)
        {
            if (header.Name.StartsWith("x-ms-meta-", StringComparison.OrdinalIgnoreCase))
            {
                metadata[header.Name["x-ms-meta-".Length..]] = header.Value;
            }
        }

        response.Headers.TryGetValue("x-ms-tag-count", out var tagCount);
        return new BlobProperties(
            response.Headers.ContentLength ?? 0,
            response.Headers.ContentType,
            ETag(response),
            LastModified(response),
            metadata,
            int.TryParse(tagCount, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : 0);
    }

    public static ETag ETag(Response response) => response.Headers.ETag ?? default;

    public static DateTimeOffset LastModified(Response response) =>
        response.Headers.TryGetValue("Last-Modified", out var value) &&
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : default;

    public static string? ErrorCode(Response response) =>
        response.Headers.TryGetValue("x-ms-error-code", out var code) ? code : null;
}
