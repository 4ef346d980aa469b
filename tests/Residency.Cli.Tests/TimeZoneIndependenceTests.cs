using System.Diagnostics;
using Residency.Testing;
using Xunit;

namespace Residency.Cli.Tests;

/// <summary>
/// The same upload must give the same bytes on every host: a redelivered event is stored idempotently only if its
/// fragments are identical. Runs the real CLI as a child process under several TZ values and compares the reports.
/// </summary>
public class TimeZoneIndependenceTests
{
    // Whole-hour, half-hour, quarter-hour and negative offsets; Asia/Shanghai is where the vehicles are.
    private static readonly string[] Zones = ["UTC", "Asia/Shanghai", "America/Los_Angeles", "Asia/Kathmandu"];

    /// <summary>Timestamps without an offset (read as UTC), with other offsets, and with fractions, in a truncated field.</summary>
    private const string OffsetlessTrip =
        """
        { "schema": "vehicle-upload/1", "messageId": "tz-check-1", "vin": "LSJA24U62JG269225", "capturedAt": "2026-11-22T08:15:30.123+08:00",
          "kind": "trip",
          "trajectory": [
            { "t": "2026-11-22T08:15:30.500", "lat": 31.2, "lon": 121.4 },
            { "t": "2026-11-22T23:59:59", "lat": 31.3, "lon": 121.5 },
            { "t": "2026-11-22T08:15:31.250+05:45", "lat": 31.3, "lon": 121.5 },
            { "t": "2026-03-08T02:30:00", "lat": 31.3, "lon": 121.5 } ],
          "notes": "2026-11-22T08:15:30 出发 位置31.23456,121.47370" }
        """;

    [Fact]
    public async Task Classify_writes_identical_bytes_in_every_time_zone()
    {
        // Without the zone database the child would silently run in UTC and the comparison would prove nothing.
        var offsets = Zones.Select(z => TimeZoneInfo.FindSystemTimeZoneById(z).GetUtcOffset(new DateTime(2026, 11, 22, 8, 0, 0, DateTimeKind.Utc))).ToList();
        Assert.Equal(Zones.Length, offsets.Distinct().Count());

        using var dir = new TempDirectory();
        var uploads = new[]
        {
            dir.Write("offsetless-trip.json", OffsetlessTrip),
            Path.Combine(RepoPaths.Root, "samples", "uploads", "trip.json"),
            Path.Combine(RepoPaths.Root, "samples", "uploads", "account.json"),
        };

        foreach (var upload in uploads)
        {
            var reports = new List<(string Zone, string Report)>();
            foreach (var zone in Zones)
            {
                reports.Add((zone, await RunClassifyAsync(upload, zone)));
            }

            foreach (var (zone, report) in reports.Skip(1))
            {
                Assert.True(reports[0].Report == report, $"{Path.GetFileName(upload)}: the report under TZ={zone} differs from the one under TZ={reports[0].Zone}.");
            }
        }

        // And the offset-less timestamps were read as UTC (not in the host's zone), so the value is the one written.
        var offsetless = await RunClassifyAsync(uploads[0], "Asia/Shanghai");
        Assert.Contains("\"t\": \"2026-11-22T08:15:30Z\"", offsetless, StringComparison.Ordinal);
        Assert.Contains("\"t\": \"2026-11-22T02:30:31Z\"", offsetless, StringComparison.Ordinal);
    }

    private static async Task<string> RunClassifyAsync(string upload, string zone)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "residency.dll"), "classify", upload })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["TZ"] = zone;
        start.Environment["LANG"] = "de_DE.UTF-8";
        start.Environment["LC_ALL"] = "de_DE.UTF-8";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"classify {Path.GetFileName(upload)} under TZ={zone} exited {process.ExitCode}: {await stderr}");
        return await stdout;
    }
}
