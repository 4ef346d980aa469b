namespace Residency.Operations.Exports;

/// <summary>
/// The short-lived container of access exports, <c>vehicle-exports</c>: <c>{request id}/{level}.ndjson</c> and
/// <c>{request id}/manifest.json</c>, emptied by a lifecycle rule after 7 days (infra/). Only this app reads it, and it
/// hands the files out through its own authenticated endpoint, never as a SAS link.
/// </summary>
public static class ExportContainer
{
    /// <summary>The container's name.</summary>
    public const string Name = "vehicle-exports";

    /// <summary>The folder of one request's export.</summary>
    public static string Prefix(string requestId) => requestId + "/";

    /// <summary>The manifest's file name, as <c>vehicle find --export</c> writes it.</summary>
    public const string ManifestFile = "manifest.json";
}
