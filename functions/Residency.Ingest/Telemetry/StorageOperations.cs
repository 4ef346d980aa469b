using Azure.Core;

namespace Residency.Ingest.Telemetry;

/// <summary>
/// Names a Blob service request by its REST operation, from the method and the <c>restype</c>/<c>comp</c> query
/// values alone (a closed set; anything else is <c>other</c>), so the dimension stays bounded and path-free.
/// </summary>
public static class StorageOperations
{
    /// <summary>The operation name of a request.</summary>
    public static string Name(Request request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = request.Uri.Query;
        var method = request.Method.Method;
        var comp = QueryValue(query, "comp");
        var container = QueryValue(query, "restype") == "container";
        return (method, container, comp) switch
        {
            ("PUT", true, null) => "create-container",
            ("GET" or "HEAD", true, null) => "get-container-properties",
            ("DELETE", true, null) => "delete-container",
            ("GET", true, "list") => "list-blobs",
            ("GET", _, "blobs") => "find-blobs-by-tags",
            ("GET", false, "list") => "list-containers",
            ("PUT", false, null) => "put-blob",
            ("GET", false, null) => "get-blob",
            ("HEAD", false, null) => "get-blob-properties",
            ("DELETE", false, null) => "delete-blob",
            ("PUT", false, "block") => "put-block",
            ("PUT", false, "blocklist") => "put-block-list",
            ("GET", false, "blocklist") => "get-block-list",
            ("PUT", false, "tags") => "set-blob-tags",
            ("GET", false, "tags") => "get-blob-tags",
            ("PUT", _, "lease") => "lease",
            ("PUT", false, "metadata") => "set-blob-metadata",
            ("PUT", false, "immutabilityPolicies") => "set-immutability-policy",
            ("PUT", false, "legalhold") => "set-legal-hold",
            ("POST", _, "batch") => "batch",
            _ => "other",
        };
    }

    private static string? QueryValue(string query, string name)
    {
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && pair.AsSpan(0, equals).Equals(name, StringComparison.Ordinal))
            {
                return Uri.UnescapeDataString(pair[(equals + 1)..]);
            }
        }

        return null;
    }
}
