using System.Globalization;

namespace Residency.Storage.Ledger;

/// <summary>
/// The day as Chinese regulators count it: China Standard Time, UTC+8 all year (no daylight saving), so the same
/// instant gives the same day on every host whatever its own time zone.
/// </summary>
public static class ChinaDay
{
    /// <summary>China Standard Time's offset from UTC.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The China Standard Time day of an instant.</summary>
    public static DateOnly Of(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>The instant a China Standard Time day starts.</summary>
    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Offset);

    /// <summary>The day as <c>yyyy-MM-dd</c>.</summary>
    public static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The day as a name folder, <c>yyyy/MM/dd</c>.</summary>
    public static string Folder(DateOnly day) => day.ToString("yyyy'/'MM'/'dd", CultureInfo.InvariantCulture);

    /// <summary>Reads <c>yyyy-MM-dd</c>; throws <see cref="FormatException"/> otherwise.</summary>
    public static DateOnly Parse(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new FormatException("A day is written yyyy-MM-dd.");
}
