using Residency.Reporting.Calendar;
using Xunit;

namespace Residency.Reporting.Tests;

/// <summary>The statutory calendar against days counted by hand from the State Council notices of 2025 and 2026.</summary>
public sealed class StatutoryCalendarTests : IDisposable
{
    private static readonly StatutoryCalendar Calendar = StatutoryCalendar.Load();
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("residency-calendar-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Theory]
    [InlineData(2025, 248)]
    [InlineData(2026, 248)]
    public void A_year_has_its_working_days(int year, int expected) => Assert.Equal(expected, Calendar.WorkingDaysIn(year));

    [Theory]
    [InlineData("2026-02-14", true)] // Saturday made a working day before the Spring Festival
    [InlineData("2026-02-16", false)] // Monday of the Spring Festival
    [InlineData("2026-02-23", false)] // the festival's last day off
    [InlineData("2026-02-24", true)]
    [InlineData("2026-02-28", true)] // Saturday made a working day after it
    [InlineData("2026-03-01", false)] // an ordinary Sunday
    [InlineData("2025-01-26", true)] // Sunday made a working day
    [InlineData("2025-10-08", false)] // National Day and Mid-Autumn, eighth day off
    [InlineData("2025-10-11", true)]
    [InlineData("2025-05-05", false)] // Labour Day, Monday off
    public void Days_off_and_adjusted_working_days_are_read_from_the_notice(string day, bool working) =>
        Assert.Equal(working, Calendar.IsWorkingDay(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2026-02-13", "2026-02-27", 5)] // across the Spring Festival: 14 Feb, then 24-27 Feb
    [InlineData("2025-01-27", "2025-02-10", 5)] // 27 Jan off days: 5-7 Feb, 8 Feb (Saturday worked), 10 Feb
    [InlineData("2026-03-02", "2026-03-02", 0)] // completed the day it came
    [InlineData("2026-03-06", "2026-03-09", 1)] // Friday to Monday
    [InlineData("2025-12-26", "2026-01-05", 5)] // across New Year: 29-31 Dec, 4 Jan (Sunday worked), 5 Jan
    public void Working_days_between_count_after_the_request_day_up_to_the_completion_day(string requested, string completed, int expected) =>
        Assert.Equal(expected, Calendar.WorkingDaysBetween(Day(requested), Day(completed)));

    [Theory]
    [InlineData("2026-02-12", "2026-03-04")]
    [InlineData("2025-09-26", "2025-10-16")]
    [InlineData("2025-01-24", "2025-02-13")]
    public void The_deletion_deadline_is_the_tenth_working_day_after_the_request(string requested, string deadline)
    {
        Assert.Equal(Day(deadline), Calendar.DeadlineAfter(Day(requested)));
        Assert.Equal(10, Calendar.WorkingDaysBetween(Day(requested), Day(deadline)));
    }

    [Fact]
    public void A_year_without_a_calendar_is_a_clear_error_naming_the_year_and_how_to_add_it()
    {
        var error = Assert.Throws<CalendarYearMissingException>(() => Calendar.IsWorkingDay(new DateOnly(2027, 3, 1)));

        Assert.Equal(2027, error.Year);
        Assert.Contains("2027", error.Message, StringComparison.Ordinal);
        Assert.Contains("cn-2027.json", error.Message, StringComparison.Ordinal);
        Assert.Contains(StatutoryCalendar.FolderVariable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Operators_add_a_year_as_a_file_of_the_same_format()
    {
        File.WriteAllText(Path.Combine(_folder.FullName, "cn-2027.json"), """
            { "schema": "residency-calendar/1", "year": 2027, "source": "test notice",
              "daysOff": [ { "from": "2027-01-01", "to": "2027-01-03", "name": "New Year" } ], "workingDays": [] }
            """);

        var calendar = StatutoryCalendar.Load(_folder.FullName);

        Assert.False(calendar.IsWorkingDay(new DateOnly(2027, 1, 1)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2027, 1, 4)));
        Assert.True(calendar.Covers(2026));
    }

    [Theory]
    [InlineData("cn-2027.json", """{ "schema": "residency-calendar/1", "year": 2028, "source": "x", "daysOff": [], "workingDays": [] }""", "says 2027")]
    [InlineData("cn-2027.json", """{ "schema": "residency-calendar/1", "year": 2027, "source": "x", "daysOff": [], "workingDays": ["2027-03-03"] }""", "not a Saturday")]
    [InlineData("cn-2027.json", """{ "schema": "residency-calendar/1", "year": 2027, "source": "x", "daysOff": [], "workingDays": [], "extra": 1 }""", "extra")]
    public void An_invalid_calendar_file_is_named_with_what_is_wrong(string name, string content, string expected)
    {
        File.WriteAllText(Path.Combine(_folder.FullName, name), content);

        var error = Assert.Throws<CalendarException>(() => StatutoryCalendar.Load(_folder.FullName));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static DateOnly Day(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
