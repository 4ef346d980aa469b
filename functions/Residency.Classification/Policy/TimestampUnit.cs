using System.Text.Json.Serialization;

namespace Residency.Classification.Policy;

/// <summary>The unit a <c>generalize</c> action truncates timestamps to.</summary>
public enum TimestampUnit
{
    /// <summary>Drop fractions of a second.</summary>
    [JsonStringEnumMemberName("second")]
    Second,

    /// <summary>Truncate to the minute.</summary>
    [JsonStringEnumMemberName("minute")]
    Minute,

    /// <summary>Truncate to the hour.</summary>
    [JsonStringEnumMemberName("hour")]
    Hour,

    /// <summary>Truncate to the day (UTC).</summary>
    [JsonStringEnumMemberName("day")]
    Day,
}
