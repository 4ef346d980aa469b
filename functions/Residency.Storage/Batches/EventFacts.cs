namespace Residency.Storage.Batches;

/// <summary>
/// What a stored event adds to the ledger besides its lines, as the classifier reported it: field counts per
/// category, keyed hashes of the persons it names (per identifier kind; never a raw value), positions inside
/// sensitive areas and exterior camera frames.
/// </summary>
/// <param name="Categories">Fields per category label.</param>
/// <param name="Subjects">One entry per identifier the event names: its kind and a uniform 64-bit keyed hash.</param>
/// <param name="SensitiveAreaHits">Positions inside configured sensitive-area geofences.</param>
/// <param name="ExteriorFrames">Exterior camera frames.</param>
public sealed record EventFacts(
    IReadOnlyList<CategoryCount> Categories, IReadOnlyList<SubjectKey> Subjects, int SensitiveAreaHits, int ExteriorFrames)
{
    /// <summary>No facts (an event stored without classifier details, as in older tests).</summary>
    public static EventFacts None { get; } = new([], [], 0, 0);
}

/// <summary>Fields of one category in one event.</summary>
public readonly record struct CategoryCount(string Category, int Fields);

/// <summary>A person named by an event: the identifier kind and a uniform 64-bit keyed hash of the identifier.</summary>
public readonly record struct SubjectKey(string Kind, ulong Hash);
