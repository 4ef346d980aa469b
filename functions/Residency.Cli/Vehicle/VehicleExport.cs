using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Residency.Storage;
using Residency.Storage.Subjects;

namespace Residency.Cli.Vehicle;

/// <summary>
/// Writes an access request's export: the vehicle's lines as NDJSON, one file per level (<c>general.ndjson</c> ...),
/// and <c>manifest.json</c> naming the vehicle key, the files with their SHA-256 and the blobs they came from.
/// The files hold the subject's own data (the personal lines carry the VIN); nothing is printed from them.
/// </summary>
internal sealed class VehicleExport : IDisposable
{
    private readonly string _root;
    private readonly Dictionary<string, (FileStream Stream, IncrementalHash Hash, long Lines)> _files = new(StringComparer.Ordinal);
    private readonly List<(string Container, string Name, string Sha256, int Lines)> _blobs = [];

    public VehicleExport(string directory)
    {
        _root = Path.GetFullPath(directory);
        Directory.CreateDirectory(_root);
    }

    public string Root => _root;

    public long Lines => _files.Values.Sum(f => f.Lines);

    public async Task AddAsync(VehicleBlobMatch match, CancellationToken cancellationToken)
    {
        if (!_files.TryGetValue(match.Level, out var file))
        {
            var path = Path.Combine(_root, match.Level + ".ndjson");
            file = (new FileStream(path, FileMode.Create, FileAccess.Write), IncrementalHash.CreateHash(HashAlgorithmName.SHA256), 0);
        }

        foreach (var line in match.VehicleLines)
        {
            await file.Stream.WriteAsync(line.Json, cancellationToken);
            file.Stream.WriteByte((byte)'\n');
            file.Hash.AppendData(line.Json.Span);
            file.Hash.AppendData("\n"u8);
        }

        _files[match.Level] = (file.Stream, file.Hash, file.Lines + match.VehicleLines.Count);
        _blobs.Add((match.Container, match.Name, match.Sha256, match.VehicleLines.Count));
    }

    /// <summary>Closes the level files and writes <c>manifest.json</c>.</summary>
    public async Task FinishAsync(VehicleScan scan, CancellationToken cancellationToken)
    {
        var files = new List<(string Level, long Lines, string Sha256)>();
        foreach (var (level, file) in _files.OrderBy(f => ResidencyContainers.LevelNames.ToList().IndexOf(f.Key)))
        {
            await file.Stream.DisposeAsync();
            files.Add((level, file.Lines, Convert.ToHexStringLower(file.Hash.GetHashAndReset())));
            file.Hash.Dispose();
        }

        _files.Clear();
        await using var manifest = new FileStream(Path.Combine(_root, "manifest.json"), FileMode.Create, FileAccess.Write);
        await using var writer = new Utf8JsonWriter(manifest, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteString("schema", "residency-export/1");
        writer.WriteString("vehicleKey", scan.VehicleKey);
        writer.WriteString("exportedAt", DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        writer.WriteStartArray("files");
        foreach (var (level, lines, sha256) in files)
        {
            writer.WriteStartObject();
            writer.WriteString("level", level);
            writer.WriteString("file", level + ".ndjson");
            writer.WriteNumber("lines", lines);
            writer.WriteString("sha256", sha256);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("locations");
        foreach (var location in scan.Locations)
        {
            writer.WriteStartObject();
            writer.WriteString("date", location.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            writer.WriteString("partition", location.PartitionId);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("blobs");
        foreach (var (container, name, sha256, lines) in _blobs)
        {
            writer.WriteStartObject();
            writer.WriteString("container", container);
            writer.WriteString("name", name);
            writer.WriteString("sha256", sha256);
            writer.WriteNumber("lines", lines);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public void Dispose()
    {
        foreach (var file in _files.Values)
        {
            file.Stream.Dispose();
            file.Hash.Dispose();
        }

        _files.Clear();
    }
}
