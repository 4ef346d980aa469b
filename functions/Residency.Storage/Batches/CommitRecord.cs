using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Residency.Storage.Sketches;

namespace Residency.Storage.Batches;

/// <summary>One level blob named by a commit: where it is, its SHA-256 and how many lines it holds.</summary>
public sealed record CommittedBlob(string Level, string Container, string Name, string Sha256, int Lines, long Bytes);

/// <summary>One quarantine entry named by a commit.</summary>
public sealed record CommittedQuarantine(long SequenceNumber, string Reason, string Name, string Sha256);

/// <summary>
/// The commit record of one batch (docs/storage.md): the range it covers, its blobs and quarantine entries with
/// their SHA-256, counts, the policy stamp and per level a HyperLogLog sketch of the vehicle keys. Written once to
/// the audit container; its JSON is deterministic, so whoever writes it writes the same bytes.
/// </summary>
public sealed class CommitRecord
{
    /// <summary>The schema id written into every record.</summary>
    public const string Schema = "residency-commit/1";

    /// <summary>Creates a record.</summary>
    public CommitRecord(
        string partitionId, long first, long last, DateOnly date, string attemptId, string policySha256, string region,
        IReadOnlyList<CommittedBlob> blobs, IReadOnlyList<CommittedQuarantine> quarantined,
        IReadOnlyDictionary<string, HyperLogLog> vehiclesByLevel)
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
    }

    /// <summary>The Event Hubs partition.</summary>
    public string PartitionId { get; }

    /// <summary>The first sequence number the batch covers.</summary>
    public long First { get; }

    /// <summary>The last sequence number the batch covers.</summary>
    public long Last { get; }

    /// <summary>The UTC date of the first event's enqueued time: the folder of the batch's blobs.</summary>
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

    /// <summary>Events the batch covers that were stored (have lines), by subtraction.</summary>
    public long StoredCount => Last - First + 1 - Quarantined.Count;

    /// <summary>The record's name in the audit container.</summary>
    public string Name => BlobLayout.CommitName(PartitionId, First, Last);

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
        writer.WriteString("date", Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
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
        writer.WriteStartObject("vehicles");
        writer.WriteNumber("precision", HyperLogLog.DefaultPrecision);
        foreach (var level in ResidencyContainers.LevelNames)
        {
            if (VehiclesByLevel.TryGetValue(level, out var sketch))
            {
                writer.WriteStartObject(level);
                var registers = sketch.ToBase64(out var encoding);
                writer.WriteString("encoding", encoding);
                writer.WriteString("registers", registers);
                writer.WriteEndObject();
            }
        }

        writer.WriteEndObject();
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
            var vehicles = element.GetProperty("vehicles");
            var precision = vehicles.GetProperty("precision").GetInt32();
            var sketches = new Dictionary<string, HyperLogLog>(StringComparer.Ordinal);
            foreach (var level in ResidencyContainers.LevelNames)
            {
                if (vehicles.TryGetProperty(level, out var sketch))
                {
                    sketches[level] = HyperLogLog.FromBase64(
                        precision, sketch.GetProperty("encoding").GetString()!, sketch.GetProperty("registers").GetString()!);
                }
            }

            return new CommitRecord(
                element.GetProperty("partition").GetString()!,
                element.GetProperty("first").GetInt64(),
                element.GetProperty("last").GetInt64(),
                DateOnly.ParseExact(element.GetProperty("date").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                element.GetProperty("attempt").GetString()!,
                element.GetProperty("policy").GetString()!,
                element.GetProperty("region").GetString()!,
                blobs, quarantined, sketches);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new FormatException($"Not a well-formed {Schema} document.", e);
        }
    }
}
