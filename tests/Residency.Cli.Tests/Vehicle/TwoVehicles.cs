using System.Text;
using System.Text.Json.Nodes;
using Residency.Classification;
using Residency.Ingest;
using Residency.Storage;
using Residency.Testing;

namespace Residency.Cli.Tests.Vehicle;

/// <summary>
/// Uploads of two fresh vehicles stored through the real ingest pipeline (real classifier, real store on Azurite)
/// under a fresh pseudonymization key, with vehicle A also sending a conflicting re-write (quarantined with its key).
/// </summary>
internal sealed record TwoVehicles(string KeyFile, PseudonymizationKey Key, string VinA, string VehicleKeyA, string VinB, string VehicleKeyB, string PartitionId)
{
    private const string VinAlphabet = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
    private static readonly string[] KindsA = ["telemetry", "account", "event", "trip"];
    private static readonly string[] KindsB = ["telemetry", "cabin"];

    public static readonly string[] DataContainers =
    [
        ResidencyContainers.General, ResidencyContainers.Personal, ResidencyContainers.Sensitive,
        ResidencyContainers.Important, ResidencyContainers.Quarantine,
    ];

    public static async Task<TwoVehicles> StoreAsync(AzuriteFixture azurite, TempDirectory directory)
    {
        var keyBytes = new byte[32];
        Random.Shared.NextBytes(keyBytes);
        var keyFile = directory.Write("pseudonymization.key", Convert.ToBase64String(keyBytes));
        var key = new PseudonymizationKey("test", keyBytes);
        var vinA = NewVin();
        var vinB = NewVin();
        var partition = "p" + Guid.NewGuid().ToString("N")[..12];

        var bodies = KindsA.Select(kind => Upload(kind, vinA, Guid.NewGuid().ToString())).ToList();
        var conflicting = JsonNode.Parse(bodies[0])!; // same message id, different content
        conflicting["firmware"] = "conflicting-rewrite";
        bodies.Add(Encoding.UTF8.GetBytes(conflicting.ToJsonString()));
        bodies.AddRange(KindsB.Select(kind => Upload(kind, vinB, Guid.NewGuid().ToString())));

        var pipeline = new IngestPipeline(ClassificationPolicy.Default, key, await azurite.CreateStoreAsync());
        var outcome = await pipeline.ProcessBatchAsync(new IngestBatch(partition, bodies.Select((body, i) => new IngestEvent(body, i + 1)).ToList()));
        if (outcome.Events.Count(e => e.Disposition == EventDisposition.Stored) != KindsA.Length + KindsB.Length ||
            outcome.Events.Count(e => e.Disposition == EventDisposition.Conflict) != 1)
        {
            throw new InvalidOperationException("The test uploads were not stored as expected: " +
                string.Join(", ", outcome.Events.Select(e => $"{e.Disposition}:{e.ReasonCode}")));
        }

        var classifier = new UploadClassifier(ClassificationPolicy.Default, key);
        return new TwoVehicles(keyFile, key, vinA, classifier.Classify(bodies[0]).VehicleKey, vinB, classifier.Classify(bodies[^1]).VehicleKey, partition);
    }

    /// <summary>
    /// Ground truth found without tags: fragments by the vehicle key in their names, plus (for A) the conflict entries
    /// of this batch's partition in quarantine.
    /// </summary>
    public async Task<SortedSet<string>> BlobsOfAsync(BlobRestClient client, bool vehicleA)
    {
        var key = vehicleA ? VehicleKeyA : VehicleKeyB;
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var container in DataContainers)
        {
            await foreach (var blob in client.GetBlobsAsync(container))
            {
                var quarantinedHere = container == ResidencyContainers.Quarantine && vehicleA && blob.Name.StartsWith(PartitionId + "/", StringComparison.Ordinal);
                if (blob.Name.Contains("/" + key + "/", StringComparison.Ordinal) || quarantinedHere)
                {
                    paths.Add($"{container}/{blob.Name}");
                }
            }
        }

        return paths;
    }

    private static byte[] Upload(string kind, string vin, string messageId)
    {
        var node = JsonNode.Parse(File.ReadAllBytes(Path.Combine(RepoPaths.Root, "samples", "uploads", kind + ".json")))!;
        node["vin"] = vin;
        node["messageId"] = messageId;
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    private static string NewVin() => new(Enumerable.Range(0, 17).Select(_ => VinAlphabet[Random.Shared.Next(VinAlphabet.Length)]).ToArray());
}
