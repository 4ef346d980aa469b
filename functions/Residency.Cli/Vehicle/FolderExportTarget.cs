using Residency.Storage.Subjects;

namespace Residency.Cli.Vehicle;

/// <summary>An access export written to a folder on the operator's machine: <c>{level}.ndjson</c> and <c>manifest.json</c>.</summary>
internal sealed class FolderExportTarget : IExportTarget
{
    public FolderExportTarget(string directory)
    {
        Root = Path.GetFullPath(directory);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public Task<Stream> OpenLevelAsync(string level, CancellationToken cancellationToken) =>
        Task.FromResult<Stream>(new FileStream(Path.Combine(Root, level + ".ndjson"), FileMode.Create, FileAccess.Write));

    public Task WriteManifestAsync(ReadOnlyMemory<byte> manifest, CancellationToken cancellationToken) =>
        File.WriteAllBytesAsync(Path.Combine(Root, "manifest.json"), manifest.ToArray(), cancellationToken);
}
