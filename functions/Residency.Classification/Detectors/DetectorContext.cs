namespace Residency.Classification.Detectors;

/// <summary>What the detectors know beyond the text itself: the latest birth date an ID number may carry, as yyyymmdd (the
/// upload's capture date, so the answer is the same on every host and never depends on the clock).</summary>
internal readonly ref struct DetectorContext
{
    /// <summary>The bound used when there is no upload to take a capture date from (<see cref="ValueDetectors.FindAll(string)"/>).</summary>
    public const int NoCaptureDate = 20991231;

    public DetectorContext(int latestBirthDate)
    {
        LatestBirthDate = latestBirthDate;
    }

    /// <summary>The latest accepted birth date, yyyymmdd.</summary>
    public int LatestBirthDate { get; }

    /// <summary>The capture date of an upload in China Standard Time (UTC+8, no daylight saving), as yyyymmdd.</summary>
    public static int DateOf(DateTimeOffset capturedAt)
    {
        var china = capturedAt.ToOffset(TimeSpan.FromHours(8));
        return (china.Year * 10000) + (china.Month * 100) + china.Day;
    }
}
