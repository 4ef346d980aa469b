namespace Residency.Storage.Subjects;

/// <summary>
/// Where an access export goes: a folder on the operator's machine (the CLI) or the short-lived exports container
/// (the operations API). The exporter writes each level's lines to its own stream, then the manifest.
/// </summary>
public interface IExportTarget
{
    /// <summary>A stream for the level's NDJSON file (<c>{level}.ndjson</c>); the exporter disposes it.</summary>
    Task<Stream> OpenLevelAsync(string level, CancellationToken cancellationToken);

    /// <summary>Writes <c>manifest.json</c>.</summary>
    Task WriteManifestAsync(ReadOnlyMemory<byte> manifest, CancellationToken cancellationToken);
}
