using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Residency.Classification;
using Residency.Ingest;
using Residency.Storage;
using Residency.Storage.Batches;
using Residency.Testing;

namespace Residency.Cli.Tests.Vehicle;

/// <summary>
/// Uploads of two fresh vehicles stored through the real ingest pipeline (real classifier, real store on Azurite)
/// under a fresh pseudonymization key, in one partition of its own.
/// </summary>
internal sealed record TwoVehicles(
    string KeyFile, PseudonymizationKey Key, string VinA, string VehicleKeyA, string VinB, string VehicleKeyB, string PartitionId, IngestBatch Batch)
{
    private const string VinAlphabet = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
    private static readonly string[] KindsA = ["telemetry", "account", "event", "trip"];
    private static readonly string[] KindsB = ["telemetry", "cabin"];

    public static async Task<TwoVehicles> StoreAsync(AzuriteFixture azurite, TempDirectory directory)
    {
        var keyBytes = new byte[32];
        Random.Shared.NextBytes(keyBytes);
        var keyFile = directory.Write("pseudonymization.key", Convert.ToBase64String(keyBytes));
        var key = new PseudonymizationKey("test", keyBytes);
        var vinA = NewVin();
        var vinB = NewVin();
        var partition = "p" + Guid.NewGuid().ToString("N")[..12];

        var bodies = KindsA.Select(kind => Upload(kind, vinA)).Concat(KindsB.Select(kind => Upload(kind, vinB))).ToList();
        var batch = new IngestBatch(partition, bodies.Select((body, i) => new IngestEvent(body, i + 1, EnqueuedTimeUtc: DateTimeOffset.UtcNow)).ToList());
        var pipeline = new IngestPipeline(ClassificationPolicy.Default, key, await azurite.CreateStoreAsync());
        var outcome = await pipeline.ProcessBatchAsync(batch);
        if (outcome.Events.Count(e => e.Disposition == EventDisposition.Stored) != bodies.Count)
        {
            throw new InvalidOperationException("The test uploads were not stored as expected: " +
                string.Join(", ", outcome.Events.Select(e => $"{e.Disposition}:{e.ReasonCode}")));
        }

        var classifier = new UploadClassifier(ClassificationPolicy.Default, key);
        return new TwoVehicles(keyFile, key, vinA, classifier.Classify(bodies[0]).VehicleKey, vinB, classifier.Classify(bodies[^1]).VehicleKey, partition, batch);
    }

    /// <summary>Ground truth read without the index or Bloom filters: every line of the partition's blobs, by level, of one vehicle.</summary>
    public async Task<SortedDictionary<string, List<string>>> LinesOfAsync(BlobServiceClient client, bool vehicleA)
    {
        var key = vehicleA ? VehicleKeyA : VehicleKeyB;
        var lines = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var level in ResidencyContainers.LevelNames)
        {
            var container = client.GetBlobContainerClient(ResidencyContainers.ForLevel(level));
            await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions()))
            {
                if (!BlobLayout.TryParseLevelBlobName(item.Name, out var name) || name.PartitionId != PartitionId)
                {
                    continue;
                }

                var content = (await container.GetBlobClient(item.Name).DownloadContentAsync()).Value.Content.ToMemory();
                foreach (var line in LevelBlobReader.ReadLines(content).Where(l => l.VehicleKey == key))
                {
                    if (!lines.TryGetValue(level, out var list))
                    {
                        lines[level] = list = [];
                    }

                    list.Add(Encoding.UTF8.GetString(line.Json.Span));
                }
            }
        }

        return lines;
    }

    private static byte[] Upload(string kind, string vin)
    {
        var node = JsonNode.Parse(File.ReadAllBytes(Path.Combine(RepoPaths.Root, "samples", "uploads", kind + ".json")))!;
        node["vin"] = vin;
        node["messageId"] = Guid.NewGuid().ToString();
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    private static string NewVin() => new(Enumerable.Range(0, 17).Select(_ => VinAlphabet[Random.Shared.Next(VinAlphabet.Length)]).ToArray());
}
