using System.Text;
using System.Text.Json.Nodes;
using Residency.Classification;
using Residency.Ingest;
using Residency.Testing;

namespace Residency.Operations.Tests;

/// <summary>
/// Two fresh vehicles' uploads stored through the real ingest pipeline (real classifier, real store on Azurite) under
/// the development key, in a partition of their own: what a subject request then finds, exports or deletes.
/// </summary>
internal sealed record StoredVehicles(string VinA, string VehicleKeyA, string VinB, string VehicleKeyB, string PartitionId)
{
    private const string VinAlphabet = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
    private static readonly string[] KindsA = ["telemetry", "account", "event", "trip"];
    private static readonly string[] KindsB = ["telemetry", "cabin"];

    public static PseudonymizationKey Key => PseudonymizationKey.Development;

    public static async Task<StoredVehicles> StoreAsync(AzuriteFixture azurite)
    {
        var vinA = NewVin();
        var vinB = NewVin();
        var partition = "p" + Guid.NewGuid().ToString("N")[..12];
        var bodies = KindsA.Select(kind => Upload(kind, vinA)).Concat(KindsB.Select(kind => Upload(kind, vinB))).ToList();
        var batch = new IngestBatch(partition, bodies.Select((body, i) => new IngestEvent(body, i + 1, EnqueuedTimeUtc: DateTimeOffset.UtcNow)).ToList());
        var outcome = await new IngestPipeline(ClassificationPolicy.Default, Key, await azurite.CreateStoreAsync()).ProcessBatchAsync(batch);
        if (outcome.Events.Count(e => e.Disposition == EventDisposition.Stored) != bodies.Count)
        {
            throw new InvalidOperationException("The test uploads were not all stored.");
        }

        return new StoredVehicles(vinA, Key.VehicleKey(vinA), vinB, Key.VehicleKey(vinB), partition);
    }

    public static string NewVin() => new(Enumerable.Range(0, 17).Select(_ => VinAlphabet[Random.Shared.Next(VinAlphabet.Length)]).ToArray());

    private static byte[] Upload(string kind, string vin)
    {
        var node = JsonNode.Parse(File.ReadAllBytes(Path.Combine(RepoPaths.Root, "samples", "uploads", kind + ".json")))!;
        node["vin"] = vin;
        node["messageId"] = Guid.NewGuid().ToString();
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }
}
