using System.Globalization;
using System.Text.Json;

namespace Residency.Reporting.Calendar;

/// <summary>One year of the statutory calendar: the days off and the adjusted working days (调休上班) of its notice.</summary>
internal sealed class CalendarYear
{
    private CalendarYear(int year, string source, HashSet<DateOnly> daysOff, HashSet<DateOnly> workingDays)
    {
        Year = year;
        Source = source;
        DaysOff = daysOff;
        WorkingDays = workingDays;
    }

    public int Year { get; }

    /// <summary>The notice the days come from.</summary>
    public string Source { get; }

    public IReadOnlySet<DateOnly> DaysOff { get; }

    public IReadOnlySet<DateOnly> WorkingDays { get; }

    /// <summary>Reads and checks one file; <paramref name="where"/> names it in errors.</summary>
    public static CalendarYear Read(ReadOnlySpan<byte> utf8Json, string where, int? expectedYear)
    {
        CalendarDocument document;
        try
        {
            document = JsonSerializer.Deserialize(utf8Json, CalendarJsonContext.Default.CalendarDocument)
                ?? throw new CalendarException($"{where}: not a calendar (null).");
        }
        catch (JsonException e)
        {
            // System.Text.Json names the path and the member, never more than the file's own text.
            throw new CalendarException($"{where}: not a residency-calendar/1 document: {e.Message}", e);
        }

        if (document.Schema != "residency-calendar/1")
        {
            throw new CalendarException($"{where}: schema must be residency-calendar/1.");
        }

        if (expectedYear is { } expected && document.Year != expected)
        {
            throw new CalendarException($"{where}: the file name says {expected} but \"year\" is {document.Year}.");
        }

        var daysOff = new HashSet<DateOnly>();
        foreach (var range in document.DaysOff)
        {
            var (from, to) = (Day(range.From, document.Year, where), Day(range.To, document.Year, where));
            if (to < from)
            {
                throw new CalendarException($"{where}: days off \"{range.Name}\" end before they begin.");
            }

            for (var day = from; day <= to; day = day.AddDays(1))
            {
                daysOff.Add(day);
            }
        }

        var workingDays = new HashSet<DateOnly>();
        foreach (var text in document.WorkingDays)
        {
            var day = Day(text, document.Year, where);
            // An adjusted working day is always a weekend day made a working day; anything else is a typo.
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                throw new CalendarException($"{where}: working day {text} is not a Saturday or Sunday.");
            }

            if (daysOff.Contains(day))
            {
                throw new CalendarException($"{where}: {text} is both a day off and a working day.");
            }

            workingDays.Add(day);
        }

        return new CalendarYear(document.Year, document.Source, daysOff, workingDays);
    }

    private static DateOnly Day(string text, int year, string where) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year == year
            ? day
            : throw new CalendarException($"{where}: \"{text}\" is not a day of {year} written yyyy-MM-dd.");
}
