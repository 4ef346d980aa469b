using System.Buffers;
using System.Text.Json;
using Residency.Storage.Ledger;
using Residency.Storage.Sketches;

namespace Residency.Storage.Batches;

/// <summary>One level blob named by a commit: where it is, its SHA-256 and how many lines it holds.</summary>
public sealed record CommittedBlob(string Level, string Container, string Name, string Sha256, int Lines, long Bytes);

/// <summary>One quarantine entry named by a commit.</summary>
public sealed record CommittedQuarantine(long SequenceNumber, string Reason, string Name, string Sha256);

/// <summary>
/// What a batch adds to its day beyond its blobs, as the classifier reported it: fields per category, per identifier
/// kind a sketch of the persons named (keyed hashes), positions in sensitive areas and exterior camera frames.
/// </summary>
public sealed record CommitFacts(
    IReadOnlyDictionary<string, long> FieldsByCategory, IReadOnlyDictionary<string, HyperLogLog> SubjectsByKind,
    long SensitiveAreaHits, long ExteriorFrames)
{
    /// <summary>A batch with none of these facts.</summary>
    public static CommitFacts None { get; } = new(new Dictionary<string, long>(), new Dictionary<string, HyperLogLog>(), 0, 0);
}

/// <summary>
/// The commit record of one batch (docs/storage.md): the range it covers, the China Standard Time day it belongs to,
/// its blobs and quarantine entries with their SHA-256, counts, the policy stamp, per level a HyperLogLog sketch of
/// the vehicle keys, and the batch's ledger facts. Written once to the audit container; its JSON is deterministic,
/// so whoever writes it writes the same bytes.
/// </summary>
public sealed class CommitRecord
{
    /// <summary>The schema id written into every record.</summary>
    public const string Schema = "residency-commit/2";

    /// <summary>Creates a record.</summary>
    public CommitRecord(
        string partitionId, long first, long last, DateOnly date, string attemptId, string policySha256, string region,
        IReadOnlyList<CommittedBlob> blobs, IReadOnlyList<CommittedQuarantine> quarantined,
        IReadOnlyDictionary<string, HyperLogLog> vehiclesByLevel, CommitFacts? facts = null)
    {
        PartitionId = partitionId;
        First = first;
        Last = last;
        Date = date;
        AttemptId = attemptId;
        PolicySha256 = policySha256;
        Region = region;
        Blobs = blobs;
        Quarantined = quarantined;
        VehiclesByLevel = vehiclesByLevel;
        Facts = facts ?? CommitFacts.None;
    }

    /// <summary>The Event Hubs partition.</summary>
    public string PartitionId { get; }

    /// <summary>The first sequence number the batch covers.</summary>
    public long First { get; }

    /// <summary>The last sequence number the batch covers.</summary>
    public long Last { get; }

    /// <summary>The China Standard Time day the batch belongs to: the folder of its blobs and its record.</summary>
    public DateOnly Date { get; }

    /// <summary>The write attempt whose blobs were committed.</summary>
    public string AttemptId { get; }

    /// <summary>The stamp of the policy the events were classified with.</summary>
    public string PolicySha256 { get; }

    /// <summary>The account's region.</summary>
    public string Region { get; }

    /// <summary>The level blobs, lowest level first.</summary>
    public IReadOnlyList<CommittedBlob> Blobs { get; }

    /// <summary>The quarantine entries, in sequence order.</summary>
    public IReadOnlyList<CommittedQuarantine> Quarantined { get; }

    /// <summary>Per level name, the distinct vehicle keys with a line at that level.</summary>
    public IReadOnlyDictionary<string, HyperLogLog> VehiclesByLevel { get; }

    /// <summary>The batch's ledger facts.</summary>
    public CommitFacts Facts { get; }

    /// <summary>Events the batch covers that were stored (have lines), by subtraction.</summary>
    public long StoredCount => Last - First + 1 - Quarantined.Count;

    /// <summary>The record's name in the audit container.</summary>
    public string Name => BlobLayout.CommitName(Date, PartitionId, First, Last);

    /// <summary>The record as compact UTF-8 JSON.</summary>
    public byte[] ToUtf8Json()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the record as one JSON object.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("schema", Schema);
        writer.WriteString("partition", PartitionId);
        writer.WriteNumber("first", First);
        writer.WriteNumber("last", Last);
        writer.WriteString("date", ChinaDay.Format(Date));
        writer.WriteString("attempt", AttemptId);
        writer.WriteString("policy", PolicySha256);
        writer.WriteString("region", Region);
        writer.WriteStartObject("counts");
        writer.WriteNumber("events", Last - First + 1);
        writer.WriteNumber("stored", StoredCount);
        writer.WriteNumber("quarantined", Quarantined.Count);
        writer.WriteStartObject("lines");
        foreach (var blob in Blobs)
        {
            writer.WriteNumber(blob.Level, blob.Lines);
        }

        writer.WriteEndObject();
        writer.WriteStartObject("reasons");
        foreach (var group in Quarantined.GroupBy(q => q.Reason, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            writer.WriteNumber(group.Key, group.Count());
        }

        writer.WriteEndObject();
        writer.WriteStartObject("fields");
        foreach (var (category, fields) in Facts.FieldsByCategory.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            writer.WriteNumber(category, fields);
        }

        writer.WriteEndObject();
        writer.WriteNumber("sensitiveAreaHits", Facts.SensitiveAreaHits);
        writer.WriteNumber("exteriorFrames", Facts.ExteriorFrames);
        writer.WriteEndObject();
        writer.WriteStartArray("blobs");
        foreach (var blob in Blobs)
        {
            writer.WriteStartObject();
            writer.WriteString("level", blob.Level);
            writer.WriteString("container", blob.Container);
            writer.WriteString("name", blob.Name);
            writer.WriteString("sha256", blob.Sha256);
            writer.WriteNumber("lines", blob.Lines);
            writer.WriteNumber("bytes", blob.Bytes);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("quarantined");
        foreach (var entry in Quarantined)
        {
            writer.WriteStartObject();
            writer.WriteNumber("sequenceNumber", entry.SequenceNumber);
            writer.WriteString("reason", entry.Reason);
            writer.WriteString("name", entry.Name);
            writer.WriteString("sha256", entry.Sha256);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteNumber("precision", HyperLogLog.DefaultPrecision);
        SketchJson.WriteAll(writer, "vehicles", VehiclesByLevel);
        SketchJson.WriteAll(writer, "subjects", Facts.SubjectsByKind);
        writer.WriteEndObject();
    }

    /// <summary>Reads a record written by <see cref="WriteTo"/>; throws <see cref="FormatException"/> when it is not one.</summary>
    public static CommitRecord Read(JsonElement element)
    {
        try
        {
            if (element.GetProperty("schema").GetString() != Schema)
            {
                throw new FormatException($"Not a {Schema} document.");
            }

            var blobs = element.GetProperty("blobs").EnumerateArray().Select(b => new CommittedBlob(
                b.GetProperty("level").GetString()!, b.GetProperty("container").GetString()!, b.GetProperty("name").GetString()!,
                b.GetProperty("sha256").GetString()!, b.GetProperty("lines").GetInt32(), b.GetProperty("bytes").GetInt64())).ToList();
            var quarantined = element.GetProperty("quarantined").EnumerateArray().Select(q => new CommittedQuarantine(
                q.GetProperty("sequenceNumber").GetInt64(), q.GetProperty("reason").GetString()!,
                q.GetProperty("name").GetString()!, q.GetProperty("sha256").GetString()!)).ToList();
            if (element.GetProperty("precision").GetInt32() != HyperLogLog.DefaultPrecision)
            {
                throw new FormatException($"A {Schema} document's sketches have precision {HyperLogLog.DefaultPrecision}.");
            }

            var counts = element.GetProperty("counts");
            var facts = new CommitFacts(
                counts.GetProperty("fields").EnumerateObject().ToDictionary(f => f.Name, f => f.Value.GetInt64(), StringComparer.Ordinal),
                SketchJson.ReadAll(element.GetProperty("subjects")),
                counts.GetProperty("sensitiveAreaHits").GetInt64(),
                counts.GetProperty("exteriorFrames").GetInt64());
            return new CommitRecord(
                element.GetProperty("partition").GetString()!,
                element.GetProperty("first").GetInt64(),
                element.GetProperty("last").GetInt64(),
                ChinaDay.Parse(element.GetProperty("date").GetString()!),
                element.GetProperty("attempt").GetString()!,
                element.GetProperty("policy").GetString()!,
                element.GetProperty("region").GetString()!,
                blobs, quarantined, SketchJson.ReadAll(element.GetProperty("vehicles")), facts);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new FormatException($"Not a well-formed {Schema} document.", e);
        }
    }
}
