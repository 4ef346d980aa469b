using System.Net;
using Residency.Operations.Requests;
using Residency.Reporting.Calendar;
using Residency.Testing;
using Xunit;

namespace Residency.Operations.Tests;

/// <summary>The 10-working-day limit on the statutory calendar: late completions and open requests near or past it are flagged.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class DeadlineTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_deletion_completed_past_ten_working_days_is_flagged_late()
    {
        var app = await OperationsHarness.CreateAsync(azurite);
        var vehicles = await StoredVehicles.StoreAsync(azurite);
        var requestedAt = DateTimeOffset.UtcNow.AddDays(-21);

        var posted = OperationsHarness.Json(await app.PostAsync(OperationsHarness.Body("delete", vin: vehicles.VinA, requestedAt: requestedAt), Principals.Operator));
        var deadline = OperationsHarness.Json(await app.GetAsync(posted.GetProperty("requestId").GetString()!, Principals.Operator)).GetProperty("deadline");

        Assert.Equal(10, deadline.GetProperty("limitWorkingDays").GetInt32());
        Assert.True(deadline.GetProperty("workingDaysElapsed").GetInt32() > 10);
        Assert.True(deadline.GetProperty("late").GetBoolean());
        Assert.False(deadline.GetProperty("overdue").GetBoolean());
    }

    [Fact]
    public async Task Open_requests_near_or_past_the_deadline_are_listed_and_completed_ones_are_not()
    {
        var app = await OperationsHarness.CreateAsync(azurite);

        // Recorded but not run (as when storage failed during the post): open.
        var old = await Record(app, DateTimeOffset.UtcNow.AddDays(-30));
        var fresh = await Record(app, DateTimeOffset.UtcNow.AddMinutes(-1));
        var done = OperationsHarness.Json(await app.PostAsync(OperationsHarness.Body("access", vin: StoredVehicles.NewVin(), requestedAt: DateTimeOffset.UtcNow.AddDays(-30)), Principals.Operator))
            .GetProperty("requestId").GetString()!;

        var listed = OperationsHarness.Json(await app.ListAsync("?overdue=true", Principals.Operator)).GetProperty("requests")
            .EnumerateArray().ToDictionary(r => r.GetProperty("requestId").GetString()!);
        Assert.Contains(old, listed.Keys);
        Assert.DoesNotContain(fresh, listed.Keys);
        Assert.DoesNotContain(done, listed.Keys);
        Assert.True(listed[old].GetProperty("deadline").GetProperty("overdue").GetBoolean());
        Assert.Equal("open", listed[old].GetProperty("status").GetString());

        var all = OperationsHarness.Json(await app.ListAsync("", Principals.Operator)).GetProperty("requests")
            .EnumerateArray().Select(r => r.GetProperty("requestId").GetString()).ToList();
        Assert.Contains(fresh, all);
        Assert.Contains(done, all);

        var status = OperationsHarness.Json(await app.GetAsync(old, Principals.Operator));
        Assert.True(status.GetProperty("deadline").GetProperty("overdue").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, (await app.ExportAsync(old, Principals.Operator)).StatusCode);
    }

    [Fact]
    public void The_deadline_counts_statutory_working_days_in_china_days()
    {
        var calendar = StatutoryCalendar.Load();

        // Friday 2026-09-25 (China): the National Day holiday and its adjusted working days lie inside the 10 days.
        var requested = new DateTimeOffset(2026, 9, 25, 9, 0, 0, TimeSpan.FromHours(8));
        var onTime = SubjectDeadline.Of(calendar, requested, calendar.DeadlineAfter(new DateOnly(2026, 9, 25)).ToDateTime(new TimeOnly(12, 0)), requested);
        var late = SubjectDeadline.Of(calendar, requested, calendar.DeadlineAfter(new DateOnly(2026, 9, 25)).AddDays(1).ToDateTime(new TimeOnly(12, 0)), requested);

        Assert.Equal(10, onTime.WorkingDaysElapsed);
        Assert.False(onTime.Late);
        Assert.Equal(calendar.DeadlineAfter(new DateOnly(2026, 9, 25)), onTime.DueBy);
        Assert.True(late.WorkingDaysElapsed >= 10);
    }

    private static async Task<string> Record(OperationsHarness app, DateTimeOffset requestedAt)
    {
        var ask = new SubjectRequestAsk(SubjectRequestType.Access, StoredVehicles.Key.VehicleKey(StoredVehicles.NewVin()), OperationsHarness.NewTicket(), requestedAt);
        var (_, record) = await app.Service.RecordAsync(ask, Principals.OperatorObjectId, CancellationToken.None);
        return record.RequestId;
    }
}
