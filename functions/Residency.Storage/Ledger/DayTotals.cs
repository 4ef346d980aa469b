using System.Text.Json;
using Residency.Storage.Batches;
using Residency.Storage.Sketches;

namespace Residency.Storage.Ledger;

/// <summary>
/// What one partition committed on one China Standard Time day, added up commit by commit: the sequence range and
/// commits, events by outcome and quarantine reason, lines and bytes per level, fields per category, positions in
/// sensitive areas, exterior frames, the policies in force, and HyperLogLog sketches of distinct vehicles (per level
/// and per category) and of distinct persons per identifier kind. Immutable: <see cref="Plus"/> returns a new one.
/// </summary>
public sealed class DayTotals
{
    private DayTotals(DateOnly day, string partitionId, long before)
    {
        Day = day;
        PartitionId = partitionId;
        Before = before;
    }

    /// <summary>The day.</summary>
    public DateOnly Day { get; }

    /// <summary>The Event Hubs partition.</summary>
    public string PartitionId { get; }

    /// <summary>
    /// The partition's highest committed sequence number when the day began (-1 for none): the day's first commit
    /// starts right after it, and it equals the last sequence number of the latest earlier day with commits.
    /// </summary>
    public long Before { get; }

    /// <summary>The first sequence number committed that day, or -1 for a day without commits.</summary>
    public long First { get; private set; } = -1;

    /// <summary>The last sequence number committed that day, or -1.</summary>
    public long Last { get; private set; } = -1;

    /// <summary>Commit records of the day.</summary>
    public int Commits { get; private set; }

    /// <summary>Sequence numbers covered.</summary>
    public long Events { get; private set; }

    /// <summary>Events stored as lines.</summary>
    public long Stored { get; private set; }

    /// <summary>Events quarantined.</summary>
    public long Quarantined { get; private set; }

    /// <summary>Quarantined events per reason code.</summary>
    public SortedDictionary<string, long> Reasons { get; } = new(StringComparer.Ordinal);

    /// <summary>Lines per level.</summary>
    public SortedDictionary<string, long> Lines { get; } = new(StringComparer.Ordinal);

    /// <summary>Stored (gzip) bytes per level.</summary>
    public SortedDictionary<string, long> Bytes { get; } = new(StringComparer.Ordinal);

    /// <summary>Fields per category, as the classifier reported them.</summary>
    public SortedDictionary<string, long> Fields { get; } = new(StringComparer.Ordinal);

    /// <summary>Positions inside configured sensitive areas.</summary>
    public long SensitiveAreaHits { get; private set; }

    /// <summary>Exterior camera frames.</summary>
    public long ExteriorFrames { get; private set; }

    /// <summary>The SHA-256 stamps of the policies events were classified with.</summary>
    public SortedSet<string> Policies { get; } = new(StringComparer.Ordinal);

    /// <summary>Distinct vehicles with a line at each level.</summary>
    public SortedDictionary<string, HyperLogLog> VehiclesByLevel { get; } = new(StringComparer.Ordinal);

    /// <summary>Distinct vehicles with a field of each category.</summary>
    public SortedDictionary<string, HyperLogLog> VehiclesByCategory { get; } = new(StringComparer.Ordinal);

    /// <summary>Distinct persons per identifier kind (keyed hashes, never values).</summary>
    public SortedDictionary<string, HyperLogLog> SubjectsByKind { get; } = new(StringComparer.Ordinal);

    /// <summary>A day with nothing committed yet, begun when the partition was committed through <paramref name="before"/>.</summary>
    public static DayTotals Empty(DateOnly day, string partitionId, long before) => new(day, partitionId, before);

    /// <summary>These totals plus one commit of the day (and the batch's per-category vehicle sketches).</summary>
    public DayTotals Plus(CommitRecord record, IReadOnlyDictionary<string, HyperLogLog> vehiclesByCategory)
    {
        var next = Copy();
        next.Add(record, vehiclesByCategory);
        return next;
    }

    /// <summary>
    /// Adds a commit to totals nobody else holds (a verification adding up a day, which must not copy its sketches
    /// once per commit); everywhere else <see cref="Plus"/> keeps totals immutable.
    /// </summary>
    internal void Add(CommitRecord record, IReadOnlyDictionary<string, HyperLogLog> vehiclesByCategory)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(vehiclesByCategory);
        var next = this;
        next.First = First < 0 ? record.First : Math.Min(First, record.First);
        next.Last = Math.Max(Last, record.Last);
        next.Commits++;
        next.Events += record.Last - record.First + 1;
        next.Stored += record.StoredCount;
        next.Quarantined += record.Quarantined.Count;
        foreach (var entry in record.Quarantined)
        {
            Increment(next.Reasons, entry.Reason, 1);
        }

        foreach (var blob in record.Blobs)
        {
            Increment(next.Lines, blob.Level, blob.Lines);
            Increment(next.Bytes, blob.Level, blob.Bytes);
        }

        foreach (var (category, fields) in record.Facts.FieldsByCategory)
        {
            Increment(next.Fields, category, fields);
        }

        next.SensitiveAreaHits += record.Facts.SensitiveAreaHits;
        next.ExteriorFrames += record.Facts.ExteriorFrames;
        next.Policies.Add(record.PolicySha256);
        Merge(next.VehiclesByLevel, record.VehiclesByLevel);
        Merge(next.VehiclesByCategory, vehiclesByCategory);
        Merge(next.SubjectsByKind, record.Facts.SubjectsByKind);
    }

    /// <summary>Writes the totals as members of the current JSON object (deterministic: keys in order).</summary>
    public void WriteMembers(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString("partition", PartitionId);
        writer.WriteString("day", ChinaDay.Format(Day));
        writer.WriteNumber("before", Before);
        writer.WriteNumber("first", First);
        writer.WriteNumber("last", Last);
        writer.WriteNumber("commits", Commits);
        writer.WriteStartObject("events");
        writer.WriteNumber("total", Events);
        writer.WriteNumber("stored", Stored);
        writer.WriteNumber("quarantined", Quarantined);
        WriteCounts(writer, "reasons", Reasons);
        writer.WriteEndObject();
        WriteCounts(writer, "lines", Lines);
        WriteCounts(writer, "bytes", Bytes);
        WriteCounts(writer, "fields", Fields);
        writer.WriteNumber("sensitiveAreaHits", SensitiveAreaHits);
        writer.WriteNumber("exteriorFrames", ExteriorFrames);
        writer.WriteStartArray("policies");
        foreach (var policy in Policies)
        {
            writer.WriteStringValue(policy);
        }

        writer.WriteEndArray();
        writer.WriteNumber("precision", HyperLogLog.DefaultPrecision);
        SketchJson.WriteAll(writer, "vehicles", VehiclesByLevel);
        SketchJson.WriteAll(writer, "vehiclesByCategory", VehiclesByCategory);
        SketchJson.WriteAll(writer, "subjects", SubjectsByKind);
    }

    /// <summary>Reads totals written by <see cref="WriteMembers"/>.</summary>
    public static DayTotals Read(JsonElement element)
    {
        if (element.GetProperty("precision").GetInt32() != HyperLogLog.DefaultPrecision)
        {
            throw new FormatException($"Day totals hold sketches of precision {HyperLogLog.DefaultPrecision}.");
        }

        var totals = new DayTotals(
            ChinaDay.Parse(element.GetProperty("day").GetString()!), element.GetProperty("partition").GetString()!, element.GetProperty("before").GetInt64())
        {
            First = element.GetProperty("first").GetInt64(),
            Last = element.GetProperty("last").GetInt64(),
            Commits = element.GetProperty("commits").GetInt32(),
            SensitiveAreaHits = element.GetProperty("sensitiveAreaHits").GetInt64(),
            ExteriorFrames = element.GetProperty("exteriorFrames").GetInt64(),
        };
        var events = element.GetProperty("events");
        totals.Events = events.GetProperty("total").GetInt64();
        totals.Stored = events.GetProperty("stored").GetInt64();
        totals.Quarantined = events.GetProperty("quarantined").GetInt64();
        ReadCounts(events.GetProperty("reasons"), totals.Reasons);
        ReadCounts(element.GetProperty("lines"), totals.Lines);
        ReadCounts(element.GetProperty("bytes"), totals.Bytes);
        ReadCounts(element.GetProperty("fields"), totals.Fields);
        foreach (var policy in element.GetProperty("policies").EnumerateArray())
        {
            totals.Policies.Add(policy.GetString()!);
        }

        Merge(totals.VehiclesByLevel, SketchJson.ReadAll(element.GetProperty("vehicles")));
        Merge(totals.VehiclesByCategory, SketchJson.ReadAll(element.GetProperty("vehiclesByCategory")));
        Merge(totals.SubjectsByKind, SketchJson.ReadAll(element.GetProperty("subjects")));
        return totals;
    }

    private DayTotals Copy()
    {
        var copy = new DayTotals(Day, PartitionId, Before)
        {
            First = First, Last = Last, Commits = Commits, Events = Events, Stored = Stored, Quarantined = Quarantined,
            SensitiveAreaHits = SensitiveAreaHits, ExteriorFrames = ExteriorFrames,
        };
        foreach (var (target, source) in new[] { (copy.Reasons, Reasons), (copy.Lines, Lines), (copy.Bytes, Bytes), (copy.Fields, Fields) })
        {
            foreach (var (key, value) in source)
            {
                target[key] = value;
            }
        }

        copy.Policies.UnionWith(Policies);
        Merge(copy.VehiclesByLevel, VehiclesByLevel);
        Merge(copy.VehiclesByCategory, VehiclesByCategory);
        Merge(copy.SubjectsByKind, SubjectsByKind);
        return copy;
    }

    private static void Increment(SortedDictionary<string, long> counts, string key, long by) => counts[key] = counts.GetValueOrDefault(key) + by;

    // Merged into fresh sketches: the totals never share a sketch with a record or another totals.
    private static void Merge(SortedDictionary<string, HyperLogLog> target, IReadOnlyDictionary<string, HyperLogLog> source)
    {
        foreach (var (key, sketch) in source)
        {
            if (target.TryGetValue(key, out var existing))
            {
                existing.Merge(sketch);
            }
            else
            {
                target[key] = sketch.Clone();
            }
        }
    }

    private static void WriteCounts(Utf8JsonWriter writer, string name, SortedDictionary<string, long> counts)
    {
        writer.WriteStartObject(name);
        foreach (var (key, value) in counts)
        {
            writer.WriteNumber(key, value);
        }

        writer.WriteEndObject();
    }

    private static void ReadCounts(JsonElement element, SortedDictionary<string, long> counts)
    {
        foreach (var property in element.EnumerateObject())
        {
            counts[property.Name] = property.Value.GetInt64();
        }
    }
}
