using System.Globalization;

namespace Residency.Operations.Requests;

/// <summary>Times as the audit documents write them: UTC with milliseconds (<c>2026-11-22T08:15:30.123Z</c>).</summary>
public static class Timestamps
{
    /// <summary>The written form.</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The value as it reads back from its written form, so a repeated post compares equal.</summary>
    public static DateTimeOffset ToMilliseconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
}
