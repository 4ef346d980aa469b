namespace Residency.Reporting.Calendar;

/// <summary>A calendar file that cannot be used: its message names the file and what is wrong in it.</summary>
public class CalendarException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CalendarException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CalendarException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public CalendarException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
