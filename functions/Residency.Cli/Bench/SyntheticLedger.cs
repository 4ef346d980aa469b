using System.Globalization;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Residency.Storage;
using Residency.Storage.Batches;
using Residency.Storage.Ledger;
using Residency.Storage.Sketches;

namespace Residency.Cli.Bench;

/// <summary>The shape of a synthetic ledger: how much each partition-day holds.</summary>
/// <param name="EventsPerDay">Events per partition and day.</param>
/// <param name="VehiclesPerDay">Distinct vehicles per partition and day, drawn from the partition's fleet.</param>
/// <param name="FleetPerPartition">Vehicles that send to each partition.</param>
/// <param name="Seed">The random seed: the same seed writes the same bytes.</param>
internal sealed record SyntheticLedgerShape(int EventsPerDay = 2_000, int VehiclesPerDay = 200, int FleetPerPartition = 2_000, int Seed = 1);

/// <summary>
/// Writes SYNTHETIC day summaries (residency-day/1, chained like the real ones) straight into the audit container: no
/// events, commit records or heads behind them. For the report benchmark and the report command's tests; never for
/// an account holding real data (it refuses a non-loopback endpoint).
/// </summary>
internal static class SyntheticLedger
{
    private static readonly string[] Levels = ["general", "personal", "sensitive", "important"];
    private static readonly string[] Categories =
        ["envelope", "vehicle-state", "diagnostic", "identifier", "contact", "account", "location", "trajectory", "cabin-media", "exterior-media"];
    private static readonly string[] Kinds = ["phone", "account", "resident-id"];
    private static readonly string[] Reasons = ["invalid-json", "missing-field", "wrong-type"];
    private static readonly string Policy = new('5', 64);

    /// <summary>
    /// Writes one summary per partition and day from <paramref name="first"/> to <paramref name="last"/>, except the
    /// partition-days <paramref name="skip"/> names (their successors still link to them, as a lost summary would leave
    /// it). Returns the summaries written.
    /// </summary>
    public static async Task<int> WriteAsync(
        BlobServiceClient service, IReadOnlyList<string> partitions, DateOnly first, DateOnly last, SyntheticLedgerShape shape,
        Func<string, DateOnly, bool>? skip = null, int maxConcurrency = 16, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        if (!RegionGuard.IsLoopback(service.Uri))
        {
            throw new CliException("synthetic day summaries are written only to a loopback (Azurite) endpoint.");
        }

        var audit = service.GetBlobContainerClient(ResidencyContainers.Audit);
        await audit.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var written = 0;
        var gate = new SemaphoreSlim(maxConcurrency, maxConcurrency);
        var writes = new List<Task>();
        for (var p = 0; p < partitions.Count; p++)
        {
            var random = new Random(shape.Seed * 7919 + p);
            DayLink? previous = null;
            long before = -1;
            for (var day = first; day <= last; day = day.AddDays(1))
            {
                var summary = Summary(partitions[p], p, day, before, previous, shape, random);
                previous = summary.Link;
                before = summary.Totals.Last;
                if (skip?.Invoke(partitions[p], day) == true)
                {
                    continue;
                }

                await gate.WaitAsync(cancellationToken);
                writes.Add(WriteOneAsync(audit, summary, gate, () => progress?.Report(Interlocked.Increment(ref written)), cancellationToken));
            }
        }

        await Task.WhenAll(writes);
        return written;
    }

    private static async Task WriteOneAsync(BlobContainerClient audit, DaySummary summary, SemaphoreSlim gate, Action done, CancellationToken cancellationToken)
    {
        try
        {
            await audit.GetBlobClient(summary.Name).UploadAsync(BinaryData.FromBytes(summary.ToUtf8Json()),
                new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } }, cancellationToken);
            done();
        }
        finally
        {
            gate.Release();
        }
    }

    private static DaySummary Summary(string partition, int partitionIndex, DateOnly day, long before, DayLink? previous, SyntheticLedgerShape shape, Random random)
    {
        var events = shape.EventsPerDay;
        var quarantined = Enumerable.Range(0, Math.Max(0, events / 100))
            .Select(i => new CommittedQuarantine(before + 1 + (i * 100), Reasons[i % Reasons.Length], "synthetic", new string('0', 64))).ToList();
        var stored = events - quarantined.Count;
        var vehicles = Enumerable.Range(0, shape.VehiclesPerDay).Select(_ => random.Next(shape.FleetPerPartition)).ToList();
        var byLevel = new Dictionary<string, HyperLogLog>(StringComparer.Ordinal);
        var blobs = new List<CommittedBlob>();
        for (var l = 0; l < Levels.Length; l++)
        {
            var share = l switch { 0 or 1 => 1.0, 2 => 0.4, _ => 0.05 };
            var sketch = new HyperLogLog();
            foreach (var vehicle in vehicles.Where((_, i) => i % 100 < share * 100))
            {
                sketch.AddHash(Mix(((ulong)partitionIndex << 32) | (uint)vehicle));
            }

            byLevel[Levels[l]] = sketch;
            var lines = (int)(stored * share);
            blobs.Add(new CommittedBlob(Levels[l], ResidencyContainers.ForLevel(Levels[l]), "synthetic", new string('0', 64), lines, lines * 180L));
        }

        var byCategory = Categories.ToDictionary(c => c, _ => byLevel["personal"].Clone(), StringComparer.Ordinal);
        var subjects = Kinds.ToDictionary(k => k, k =>
        {
            var sketch = new HyperLogLog();
            foreach (var vehicle in vehicles)
            {
                sketch.AddHash(Mix(((ulong)(Array.IndexOf(Kinds, k) + 1) << 48) ^ ((ulong)partitionIndex << 32) ^ (uint)vehicle));
            }

            return sketch;
        }, StringComparer.Ordinal);
        var facts = new CommitFacts(Categories.ToDictionary(c => c, _ => (long)stored, StringComparer.Ordinal), subjects, events / 500, events / 50);
        var record = new CommitRecord(partition, before + 1, before + events, day, "0000000000000000", Policy, "chinanorth3", blobs, quarantined, byLevel, facts);
        var totals = DayTotals.Empty(day, partition, before).Plus(record, byCategory);
        return new DaySummary(totals, previous, []);
    }

    // SplitMix64: a uniform 64-bit hash of a vehicle's number, as a keyed hash of its key would be.
    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
        return x ^ (x >> 31);
    }

    /// <summary>The partition ids of a synthetic ledger: 0..n-1, as Event Hubs numbers them.</summary>
    public static IReadOnlyList<string> Partitions(int count) => Enumerable.Range(0, count).Select(p => p.ToString(CultureInfo.InvariantCulture)).ToList();
}
