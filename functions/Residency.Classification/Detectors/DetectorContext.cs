namespace Residency.Classification.Detectors;

/// <summary>What the detectors know beyond the text itself: the latest birth date an ID number may carry, as yyyymmdd (the
/// upload's capture date, so the answer is the same on every host and never depends on the clock), and whether the property
/// name of the value says it holds an ID number (<see cref="IdKeywords"/>).</summary>
internal readonly struct DetectorContext
{
    /// <summary>The bound used when there is no upload to take a capture date from (<see cref="ValueDetectors.FindAll(string)"/>).</summary>
    public const int NoCaptureDate = 20991231;

    public DetectorContext(int latestBirthDate, bool nameHasKeyword = false)
    {
        LatestBirthDate = latestBirthDate;
        NameHasKeyword = nameHasKeyword;
    }

    /// <summary>The latest accepted birth date, yyyymmdd.</summary>
    public int LatestBirthDate { get; }

    /// <summary>True when the value's property name holds an ID keyword (<c>idNumber</c>, <c>身份证号</c>).</summary>
    public bool NameHasKeyword { get; }

    /// <summary>The capture date of an upload in China Standard Time (UTC+8, no daylight saving), as yyyymmdd.</summary>
    public static int DateOf(DateTimeOffset capturedAt)
    {
        var china = capturedAt.ToOffset(TimeSpan.FromHours(8));
        return (china.Year * 10000) + (china.Month * 100) + china.Day;
    }
}
