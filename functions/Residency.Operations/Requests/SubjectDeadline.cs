using Residency.Reporting.Calendar;
using Residency.Storage.Ledger;

namespace Residency.Operations.Requests;

/// <summary>
/// A request's place against the 10-working-day limit (Provisions Art. 9), counted on the statutory calendar in China
/// Standard Time days: working days after the request day up to today (or the completion day).
/// </summary>
/// <param name="DueBy">The last day the request may be completed.</param>
/// <param name="WorkingDaysElapsed">Working days from the request day to today, or to the completion day once completed.</param>
/// <param name="Overdue">Open and past the limit.</param>
/// <param name="Late">Completed after the limit.</param>
/// <param name="NearDeadline">Open with at most <see cref="NearWorkingDays"/> working days left (or overdue).</param>
public sealed record SubjectDeadline(DateOnly DueBy, int WorkingDaysElapsed, bool Overdue, bool Late, bool NearDeadline)
{
    /// <summary>The limit in working days.</summary>
    public const int LimitWorkingDays = StatutoryCalendar.DeletionDeadlineWorkingDays;

    /// <summary>Open requests with this many working days left or fewer are listed as near the deadline.</summary>
    public const int NearWorkingDays = 2;

    /// <summary>The deadline of a request; <see cref="CalendarYearMissingException"/> when the calendar lacks a year it spans.</summary>
    public static SubjectDeadline Of(StatutoryCalendar calendar, DateTimeOffset requestedAt, DateTimeOffset? completedAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var requestDay = ChinaDay.Of(requestedAt);
        var endDay = ChinaDay.Of(completedAt ?? now);
        if (endDay < requestDay)
        {
            endDay = requestDay;
        }

        var elapsed = calendar.WorkingDaysBetween(requestDay, endDay);
        var open = completedAt is null;
        return new SubjectDeadline(
            calendar.DeadlineAfter(requestDay, LimitWorkingDays),
            elapsed,
            Overdue: open && elapsed > LimitWorkingDays,
            Late: !open && elapsed > LimitWorkingDays,
            NearDeadline: open && LimitWorkingDays - elapsed <= NearWorkingDays);
    }
}
