using System.Globalization;
using System.Text.RegularExpressions;

namespace Residency.Reporting.Calendar;

/// <summary>
/// China's statutory working days, from data: the State Council's notice of each year (docs/regulations.md, "Rights and
/// deadlines"). A working day is Monday to Friday unless the notice gives it off, or a weekend day the notice makes a
/// working day (调休上班). 2025 and 2026 ship embedded; operators add years as files <c>cn-{yyyy}.json</c> in a folder
/// (<c>--calendar</c> or <see cref="FolderVariable"/>), which win over the embedded ones. A year without data is an
/// error (<see cref="CalendarYearMissingException"/>), never a guess.
/// </summary>
public sealed partial class StatutoryCalendar
{
    /// <summary>The environment variable naming a folder of extra calendar files.</summary>
    public const string FolderVariable = "RESIDENCY_CALENDAR_DIR";

    /// <summary>The deletion deadline in working days (Provisions Art. 9, GB/T 44464-2024 5.7.1).</summary>
    public const int DeletionDeadlineWorkingDays = 10;

    private readonly Dictionary<int, CalendarYear> _years;

    private StatutoryCalendar(Dictionary<int, CalendarYear> years) => _years = years;

    /// <summary>The years this calendar knows, in order.</summary>
    public IReadOnlyList<int> Years => _years.Keys.Order().ToList();

    /// <summary>
    /// The embedded years plus every <c>cn-{yyyy}.json</c> in <paramref name="folder"/> (when given); a file there
    /// replaces the embedded year. Throws <see cref="CalendarException"/> naming a file that is not a valid calendar, or
    /// a folder that does not exist.
    /// </summary>
    public static StatutoryCalendar Load(string? folder = null)
    {
        var years = new Dictionary<int, CalendarYear>();
        var assembly = typeof(StatutoryCalendar).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Residency.Reporting.Calendar.", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            var year = CalendarYear.Read(memory.ToArray(), $"embedded {resource["Residency.Reporting.Calendar.".Length..]}", YearOf(resource));
            years[year.Year] = year;
        }

        if (folder is not null)
        {
            if (!Directory.Exists(folder))
            {
                throw new CalendarException($"the calendar folder {folder} does not exist.");
            }

            foreach (var file in Directory.EnumerateFiles(folder, "cn-*.json").Order(StringComparer.Ordinal))
            {
                if (YearOf(Path.GetFileName(file)) is not { } expected)
                {
                    throw new CalendarException($"{file}: a calendar file is named cn-{{yyyy}}.json.");
                }

                var year = CalendarYear.Read(File.ReadAllBytes(file), file, expected);
                years[year.Year] = year;
            }
        }

        return new StatutoryCalendar(years);
    }

    /// <summary>True when the calendar knows <paramref name="year"/>.</summary>
    public bool Covers(int year) => _years.ContainsKey(year);

    /// <summary>Throws <see cref="CalendarYearMissingException"/> unless the calendar knows <paramref name="year"/>.</summary>
    public void EnsureYear(int year) => _ = Year(year);

    /// <summary>Where <paramref name="year"/>'s days come from (the notice), for citing.</summary>
    public string SourceOf(int year) => Year(year).Source;

    /// <summary>True for a statutory working day: Monday to Friday and not a day off, or an adjusted working day.</summary>
    public bool IsWorkingDay(DateOnly day)
    {
        var year = Year(day.Year);
        return year.WorkingDays.Contains(day)
               || (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !year.DaysOff.Contains(day));
    }

    /// <summary>
    /// The working days a request took: the working days after the request day up to and including the completion
    /// day (a request completed the day it came took 0; one made on a Friday and completed the next Monday took 1).
    /// Throws <see cref="ArgumentException"/> when <paramref name="completed"/> is before <paramref name="requested"/>.
    /// </summary>
    public int WorkingDaysBetween(DateOnly requested, DateOnly completed)
    {
        if (completed < requested)
        {
            throw new ArgumentException("The completion day is before the request day.", nameof(completed));
        }

        var count = 0;
        for (var day = requested.AddDays(1); day <= completed; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// The last day a request made on <paramref name="requested"/> may be completed within <paramref name="workingDays"/>
    /// working days: the <paramref name="workingDays"/>-th working day after the request day, so that
    /// <c>WorkingDaysBetween(requested, DeadlineAfter(requested, n)) == n</c>.
    /// </summary>
    public DateOnly DeadlineAfter(DateOnly requested, int workingDays = DeletionDeadlineWorkingDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingDays, 1);
        var day = requested;
        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }

        return day;
    }

    /// <summary>The working days of a whole year.</summary>
    public int WorkingDaysIn(int year)
    {
        var first = new DateOnly(year, 1, 1);
        return IsWorkingDay(first) ? 1 + WorkingDaysBetween(first, new DateOnly(year, 12, 31)) : WorkingDaysBetween(first, new DateOnly(year, 12, 31));
    }

    private CalendarYear Year(int year) => _years.TryGetValue(year, out var known) ? known : throw new CalendarYearMissingException(year);

    private static int? YearOf(string name)
    {
        var match = FileName().Match(name);
        return match.Success ? int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"cn-(?<year>\d{4})\.json$", RegexOptions.CultureInvariant)]
    private static partial Regex FileName();
}
