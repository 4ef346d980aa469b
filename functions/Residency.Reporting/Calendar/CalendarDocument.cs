using System.Text.Json;
using System.Text.Json.Serialization;

namespace Residency.Reporting.Calendar;

/// <summary>One year's statutory calendar as written (<c>cn-{yyyy}.json</c>, schema residency-calendar/1; docs/report.md).</summary>
internal sealed class CalendarDocument
{
    public required string Schema { get; init; }

    public required int Year { get; init; }

    public required string Source { get; init; }

    public required IReadOnlyList<DayOffRange> DaysOff { get; init; }

    public required IReadOnlyList<string> WorkingDays { get; init; }
}

/// <summary>Public holidays and the weekend days around them that the notice gives off, first to last day inclusive.</summary>
internal sealed class DayOffRange
{
    public required string From { get; init; }

    public required string To { get; init; }

    public required string Name { get; init; }
}

/// <summary>Strict reading of calendar files: an unknown or repeated member is an error, like every document people write here.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = JsonCommentHandling.Skip,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(CalendarDocument))]
internal sealed partial class CalendarJsonContext : JsonSerializerContext;
