using System.Diagnostics;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Residency.Storage.Clients;

namespace Residency.Cli.Bench;

/// <summary>What the floor measured: plain puts of a row's stored bytes.</summary>
internal sealed record FloorResult(int Blobs, long Bytes, long Requests, TimeSpan Elapsed);

/// <summary>
/// The floor of a row: the same stored bytes written again into the same Azurite as plain Put Blob requests (no tags,
/// metadata, conditions or reads), with as many in flight as the handler allows itself. End to end time over this is
/// what the pipeline costs on top of storing its output.
/// </summary>
internal static class StorageFloor
{
    public const string ScratchContainer = "bench-floor";

    public static async Task<FloorResult> MeasureAsync(
        string connectionString, IReadOnlyList<StoredBlob> blobs, int maxConcurrency, CancellationToken cancellationToken)
    {
        var settings = StorageClientSettings.Development;
        var reader = ResidencyBlobClients.FromConnectionString(connectionString, settings);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxConcurrency, CancellationToken = cancellationToken };

        var contents = new byte[blobs.Count][];
        await Parallel.ForEachAsync(Enumerable.Range(0, blobs.Count), parallel, async (i, ct) =>
        {
            var blob = reader.GetBlobContainerClient(blobs[i].Container).GetBlobClient(blobs[i].Name);
            contents[i] = (await blob.DownloadContentAsync(ct)).Value.Content.ToArray();
        });

        var counter = new StorageRequestCounter();
        var writer = ResidencyBlobClients.FromConnectionString(connectionString, settings, counter);
        var scratch = writer.GetBlobContainerClient(ScratchContainer);
        await scratch.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken);
        var before = counter.Total;

        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, blobs.Count), parallel, async (i, ct) =>
        {
            using var content = new MemoryStream(contents[i], writable: false);
            await scratch.GetBlockBlobClient($"{blobs[i].Container}/{blobs[i].Name}").UploadAsync(content, new BlobUploadOptions(), ct);
        });
        clock.Stop();

        return new FloorResult(blobs.Count, contents.Sum(c => (long)c.Length), counter.Total - before, clock.Elapsed);
    }
}
