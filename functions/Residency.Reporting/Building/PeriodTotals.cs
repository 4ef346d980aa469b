using Residency.Storage.Ledger;
using Residency.Storage.Sketches;

namespace Residency.Reporting.Building;

/// <summary>The day summaries of one period (a month or the year) added up: counts summed, sketches merged.</summary>
internal sealed class PeriodTotals
{
    public int Summaries { get; private set; }

    public long Events { get; private set; }

    public long Stored { get; private set; }

    public long Quarantined { get; private set; }

    public long SensitiveAreaHits { get; private set; }

    public long ExteriorFrames { get; private set; }

    public SortedDictionary<string, long> Reasons { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, long> Lines { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, long> Bytes { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, long> Fields { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, HyperLogLog> VehiclesByLevel { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, HyperLogLog> VehiclesByCategory { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, HyperLogLog> Subjects { get; } = new(StringComparer.Ordinal);

    public void Add(DayTotals day)
    {
        Summaries++;
        Events += day.Events;
        Stored += day.Stored;
        Quarantined += day.Quarantined;
        SensitiveAreaHits += day.SensitiveAreaHits;
        ExteriorFrames += day.ExteriorFrames;
        Sum(Reasons, day.Reasons);
        Sum(Lines, day.Lines);
        Sum(Bytes, day.Bytes);
        Sum(Fields, day.Fields);
        Merge(VehiclesByLevel, day.VehiclesByLevel);
        Merge(VehiclesByCategory, day.VehiclesByCategory);
        Merge(Subjects, day.SubjectsByKind);
    }

    public void Add(PeriodTotals other)
    {
        Summaries += other.Summaries;
        Events += other.Events;
        Stored += other.Stored;
        Quarantined += other.Quarantined;
        SensitiveAreaHits += other.SensitiveAreaHits;
        ExteriorFrames += other.ExteriorFrames;
        Sum(Reasons, other.Reasons);
        Sum(Lines, other.Lines);
        Sum(Bytes, other.Bytes);
        Sum(Fields, other.Fields);
        Merge(VehiclesByLevel, other.VehiclesByLevel);
        Merge(VehiclesByCategory, other.VehiclesByCategory);
        Merge(Subjects, other.Subjects);
    }

    private static void Sum(SortedDictionary<string, long> target, IReadOnlyDictionary<string, long> source)
    {
        foreach (var (key, value) in source)
        {
            target[key] = target.GetValueOrDefault(key) + value;
        }
    }

    // Merged into sketches of our own: a summary's sketches are never changed.
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
}
