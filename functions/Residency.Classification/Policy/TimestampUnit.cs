namespace Residency.Classification;

/// <summary>The unit a <c>generalize</c> action truncates timestamps to.</summary>
public enum TimestampUnit
{
    /// <summary>Drop fractions of a second.</summary>
    Second,

    /// <summary>Truncate to the minute.</summary>
    Minute,

    /// <summary>Truncate to the hour.</summary>
    Hour,

    /// <summary>Truncate to the day (UTC).</summary>
    Day,
}
