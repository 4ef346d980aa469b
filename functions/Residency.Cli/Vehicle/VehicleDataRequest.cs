using System.Globalization;
using Azure.Storage.Blobs;
using Residency.Storage;
using Residency.Storage.Subjects;

namespace Residency.Cli.Vehicle;

/// <summary>
/// Finds one vehicle's lines through the vehicle index and the blobs' Bloom filters, then exports and/or deletes them.
/// Prints names and counts only, never a line's content (the personal lines hold the VIN).
/// </summary>
internal sealed class VehicleDataRequest(BlobServiceClient client, TextWriter output, TextWriter error, TimeProvider time)
{
    public async Task<int> RunAsync(string vehicleKey, string? exportDirectory, bool delete, CancellationToken cancellationToken)
    {
        VehicleExport? export = null;
        try
        {
            try
            {
                export = exportDirectory is null ? null : new VehicleExport(exportDirectory);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CliException(ExitCodes.Failure, $"cannot create the export folder: {ex.GetType().Name}.");
            }

            var linesByLevel = new SortedDictionary<string, long>(StringComparer.Ordinal);
            var scan = await new VehicleDataLocator(client).ScanAsync(vehicleKey, async (match, ct) =>
            {
                output.WriteLine($"{match.Container}/{match.Name}  level={match.Level}  lines={match.VehicleLines.Count}");
                linesByLevel[match.Level] = linesByLevel.GetValueOrDefault(match.Level) + match.VehicleLines.Count;
                if (export is not null)
                {
                    await export.AddAsync(match, ct);
                }
            }, Progress("reading"), cancellationToken);

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"index: {scan.Locations.Count} day/partition marker(s); blobs listed {scan.BlobsListed}, ruled out by Bloom filter {scan.BlobsSkipped}, holding the vehicle's lines {scan.BlobsMatched}"));
            output.WriteLine("lines by level: " + (linesByLevel.Count == 0 ? "none" : string.Join(", ", linesByLevel.Select(l => $"{l.Key} {l.Value}"))));
            output.WriteLine($"found {scan.LinesMatched} line(s) for this vehicle.");

            if (export is not null)
            {
                await export.FinishAsync(scan, cancellationToken);
                output.WriteLine($"exported {export.Lines} line(s) to {export.Root} (one .ndjson per level, manifest.json)");
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
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.Failure, $"cannot write the export: {ex.GetType().Name}.");
        }
        finally
        {
            export?.Dispose();
        }
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
