using Azure;
using Residency.Storage.Batches;

namespace Residency.Storage.Subjects;

/// <summary>A day and partition the vehicle index says a vehicle has data in.</summary>
public sealed record VehicleLocation(DateOnly Date, string PartitionId);

/// <summary>A level blob holding lines of the vehicle: all its lines, and the vehicle's among them.</summary>
public sealed record VehicleBlobMatch(
    string Level, string Container, string Name, ETag ETag, string Sha256,
    IReadOnlyList<StoredLine> Lines, IReadOnlyList<StoredLine> VehicleLines);

/// <summary>What a scan for one vehicle looked at and found.</summary>
/// <param name="VehicleKey">The vehicle key searched for.</param>
/// <param name="Locations">The index markers found (day and partition).</param>
/// <param name="BlobsListed">Level blobs in those days and partitions.</param>
/// <param name="BlobsSkipped">Of those, blobs whose Bloom filter rules the vehicle out (not downloaded).</param>
/// <param name="BlobsMatched">Blobs holding at least one line of the vehicle.</param>
/// <param name="LinesMatched">The vehicle's lines in all levels.</param>
public sealed record VehicleScan(
    string VehicleKey, IReadOnlyList<VehicleLocation> Locations, int BlobsListed, int BlobsSkipped, int BlobsMatched, long LinesMatched);

/// <summary>Progress of a long scan: blobs looked at so far, of those listed.</summary>
public readonly record struct VehicleScanProgress(int BlobsDone, int BlobsListed, int BlobsMatched);
