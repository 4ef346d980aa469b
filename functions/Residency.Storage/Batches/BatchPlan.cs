using Residency.Storage.Sketches;

namespace Residency.Storage.Batches;

/// <summary>A quarantine entry ready to upload.</summary>
internal sealed record QuarantineContent(long SequenceNumber, string Reason, string Name, byte[] Json, string Sha256, string RawSha256, DateTimeOffset? EnqueuedTimeUtc);

/// <summary>
/// Everything one write attempt uploads for the events not committed yet: a blob per level touched, a quarantine
/// entry per bad event, the commit record that will name them, and the pending entry announcing them in the head.
/// </summary>
internal sealed class BatchPlan
{
    private BatchPlan(
        string partitionId, string attemptId, DateOnly date, IReadOnlyList<(LevelBlobContent Content, string Name)> levelBlobs,
        IReadOnlyList<QuarantineContent> quarantine, IReadOnlyList<string> vehicleKeys, CommitRecord record,
        IReadOnlyDictionary<string, HyperLogLog> vehiclesByCategory)
    {
        VehiclesByCategory = vehiclesByCategory;
        PartitionId = partitionId;
        AttemptId = attemptId;
        Date = date;
        LevelBlobs = levelBlobs;
        Quarantine = quarantine;
        VehicleKeys = vehicleKeys;
        Record = record;
        Pending = new PendingAttempt(attemptId, record.First, record.Last,
            [
                .. levelBlobs.Select(b => new BlobReference(ResidencyContainers.ForLevel(b.Content.Level), b.Name)),
                .. quarantine.Select(q => new BlobReference(ResidencyContainers.Quarantine, q.Name)),
            ]);
    }

    public string PartitionId { get; }

    public string AttemptId { get; }

    public DateOnly Date { get; }

    public IReadOnlyList<(LevelBlobContent Content, string Name)> LevelBlobs { get; }

    public IReadOnlyList<QuarantineContent> Quarantine { get; }

    public IReadOnlyList<string> VehicleKeys { get; }

    public CommitRecord Record { get; }

    /// <summary>Per category, the distinct vehicles with a field of it (for the day's totals; not in the record).</summary>
    public IReadOnlyDictionary<string, HyperLogLog> VehiclesByCategory { get; }

    public PendingAttempt Pending { get; }

    /// <summary>Plans the events (sorted, distinct, all above the head) of one day under a new attempt id.</summary>
    public static BatchPlan Create(string partitionId, string policySha256, string region, DateOnly date, IReadOnlyList<PreparedEvent> events)
    {
        var attemptId = BlobLayout.NewAttemptId();
        var first = events[0].SequenceNumber;
        var last = events[^1].SequenceNumber;

        var levelBlobs = new List<(LevelBlobContent, string)>();
        foreach (var level in ResidencyContainers.LevelNames)
        {
            var lines = new List<LevelLine>();
            foreach (var e in events)
            {
                foreach (var fragment in e.Fragments)
                {
                    if (fragment.Level == level)
                    {
                        lines.Add(new LevelLine(e.SequenceNumber, e.VehicleKey!, fragment.Json));
                    }
                }
            }

            if (lines.Count > 0)
            {
                levelBlobs.Add((LevelBlobBuilder.Build(level, partitionId, lines),
                    BlobLayout.LevelBlobName(date, partitionId, first, last, attemptId)));
            }
        }

        var quarantine = events.Where(e => e.Quarantine is not null).Select(e =>
        {
            var item = e.Quarantine!;
            var json = QuarantineDocument.Write(item, partitionId, e.SequenceNumber, e.Offset, e.EnqueuedTimeUtc);
            return new QuarantineContent(e.SequenceNumber, item.ReasonCode,
                BlobLayout.QuarantineName(date, partitionId, e.SequenceNumber, item.ReasonCode, attemptId),
                json, QuarantineDocument.Sha256Hex(json), QuarantineDocument.Sha256Hex(item.RawBytes.Span), e.EnqueuedTimeUtc);
        }).ToList();

        var record = new CommitRecord(partitionId, first, last, date, attemptId, policySha256, region,
            levelBlobs.Select(b => new CommittedBlob(b.Item1.Level, ResidencyContainers.ForLevel(b.Item1.Level), b.Item2,
                b.Item1.Sha256, b.Item1.Lines, b.Item1.Gzip.Length)).ToList(),
            quarantine.Select(q => new CommittedQuarantine(q.SequenceNumber, q.Reason, q.Name, q.Sha256)).ToList(),
            levelBlobs.ToDictionary(b => b.Item1.Level, b => b.Item1.Vehicles, StringComparer.Ordinal),
            Facts(events, out var vehiclesByCategory));
        var vehicleKeys = events.Where(e => e.VehicleKey is not null).Select(e => e.VehicleKey!).Distinct(StringComparer.Ordinal).ToList();
        return new BatchPlan(partitionId, attemptId, date, levelBlobs, quarantine, vehicleKeys, record, vehiclesByCategory);
    }

    // The batch's ledger facts: fields per category and the vehicles with each, persons per identifier kind, areas, frames.
    private static CommitFacts Facts(IReadOnlyList<PreparedEvent> events, out Dictionary<string, HyperLogLog> vehiclesByCategory)
    {
        var fields = new Dictionary<string, long>(StringComparer.Ordinal);
        var subjects = new Dictionary<string, HyperLogLog>(StringComparer.Ordinal);
        vehiclesByCategory = new Dictionary<string, HyperLogLog>(StringComparer.Ordinal);
        long areas = 0, frames = 0;
        foreach (var e in events.Where(e => e.VehicleKey is not null))
        {
            var vehicle = KeyHash.Of(e.VehicleKey!);
            foreach (var (category, count) in e.Facts.Categories)
            {
                fields[category] = fields.GetValueOrDefault(category) + count;
                Sketch(vehiclesByCategory, category).Add(vehicle);
            }

            foreach (var subject in e.Facts.Subjects)
            {
                Sketch(subjects, subject.Kind).AddHash(subject.Hash);
            }

            areas += e.Facts.SensitiveAreaHits;
            frames += e.Facts.ExteriorFrames;
        }

        return new CommitFacts(fields, subjects, areas, frames);
    }

    private static HyperLogLog Sketch(Dictionary<string, HyperLogLog> sketches, string key)
    {
        if (!sketches.TryGetValue(key, out var sketch))
        {
            sketches[key] = sketch = new HyperLogLog();
        }

        return sketch;
    }
}
