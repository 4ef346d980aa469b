using System.Globalization;
using Azure.Storage.Blobs;
using Residency.Storage;
using Residency.Storage.Subjects;

namespace Residency.Cli.Vehicle;

/// <summary>
/// Finds one vehicle's lines through the vehicle index and the blobs' Bloom filters, then exports and/or deletes them
/// with the library the operations API uses too. Prints names and counts only, never a line's content (the personal
/// lines hold the VIN).
/// </summary>
internal sealed class VehicleDataRequest(BlobServiceClient client, TextWriter output, TextWriter error, TimeProvider time)
{
    public async Task<int> RunAsync(string vehicleKey, string? exportDirectory, bool delete, CancellationToken cancellationToken)
    {
        var linesByLevel = new SortedDictionary<string, long>(StringComparer.Ordinal);
        void Print(VehicleBlobMatch match)
        {
            output.WriteLine($"{match.Container}/{match.Name}  level={match.Level}  lines={match.VehicleLines.Count}");
            linesByLevel[match.Level] = linesByLevel.GetValueOrDefault(match.Level) + match.VehicleLines.Count;
        }

        VehicleScan scan;
        if (exportDirectory is null)
        {
            scan = await new VehicleDataLocator(client).ScanAsync(vehicleKey, (match, _) =>
            {
                Print(match);
                return Task.CompletedTask;
            }, Progress("reading"), cancellationToken);
            PrintFound(scan, linesByLevel);
        }
        else
        {
            FolderExportTarget target;
            try
            {
                target = new FolderExportTarget(exportDirectory);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CliException(ExitCodes.Failure, $"cannot create the export folder: {ex.GetType().Name}.");
            }

            AccessReceipt receipt;
            try
            {
                (scan, receipt) = await new VehicleDataExporter(client, time).ExportAsync(
                    vehicleKey, target, onBlob: Print, progress: Progress("reading"), cancellationToken: cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CliException(ExitCodes.Failure, $"cannot write the export: {ex.GetType().Name}.");
            }

            PrintFound(scan, linesByLevel);
            output.WriteLine($"exported {receipt.Lines} line(s) to {target.Root} (one .ndjson per level, manifest.json); receipt: {ResidencyContainers.Audit}/{receipt.Name}");
        }

        if (delete)
        {
            var receipt = await new VehicleDataEraser(client, time).DeleteAsync(vehicleKey, Progress("deleting"), cancellationToken: cancellationToken);
            var removed = receipt.Blobs.Sum(b => b.SequenceNumbers.Count);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"deleted {removed} line(s): {receipt.Blobs.Count(b => b.Sha256 is not null)} blob(s) rewritten, {receipt.Blobs.Count(b => b.Sha256 is null)} removed, " +
                $"{receipt.VersionsDeleted} earlier version(s) deleted, {receipt.MarkersDeleted} index marker(s) deleted"));
            output.WriteLine($"receipt: {ResidencyContainers.Audit}/{receipt.Name}");
        }

        return ExitCodes.Success;
    }

    private void PrintFound(VehicleScan scan, SortedDictionary<string, long> linesByLevel)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"index: {scan.Locations.Count} day/partition marker(s); blobs listed {scan.BlobsListed}, ruled out by Bloom filter {scan.BlobsSkipped}, holding the vehicle's lines {scan.BlobsMatched}"));
        output.WriteLine("lines by level: " + (linesByLevel.Count == 0 ? "none" : string.Join(", ", linesByLevel.Select(l => $"{l.Key} {l.Value}"))));
        output.WriteLine($"found {scan.LinesMatched} line(s) for this vehicle.");
    }

    private Progress<VehicleScanProgress> Progress(string stage)
    {
        var throttle = new ProgressThrottle(time, TimeSpan.FromSeconds(2));
        return new Progress<VehicleScanProgress>(p =>
        {
            if (throttle.Due(final: p.BlobsDone == p.BlobsListed))
            {
                error.WriteLine($"{stage}: {p.BlobsDone}/{p.BlobsListed} blob(s), {p.BlobsMatched} with the vehicle's lines");
            }
        });
    }
}
