namespace Residency.Reporting.Calendar;

/// <summary>
/// No statutory calendar is known for a year a computation needs: working days cannot be guessed, since the State
/// Council's notice moves them every year. The message names the year and how to add it.
/// </summary>
public sealed class CalendarYearMissingException : CalendarException
{
    /// <summary>Creates the exception for <paramref name="year"/>.</summary>
    public CalendarYearMissingException(int year)
        : base($"no statutory calendar for {year}: add cn-{year}.json (the State Council's holiday notice for {year}: days off and " +
               $"adjusted working days, format in docs/report.md) to the folder named by --calendar or {StatutoryCalendar.FolderVariable}.")
    {
        Year = year;
    }

    /// <summary>Creates the exception.</summary>
    public CalendarYearMissingException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CalendarYearMissingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public CalendarYearMissingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The year without a calendar.</summary>
    public int Year { get; }
}
