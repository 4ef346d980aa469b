using System.Globalization;
using System.Text.Json;
using Residency.Storage;
using Residency.Storage.Batches;
using Residency.Testing;
using Xunit;

namespace Residency.Reporting.Tests;

/// <summary>
/// report.json against an independent computation: the commit records of the year read back from the audit container
/// and summed per China month (counts exactly), and the distinct vehicles and persons generated (estimates within their
/// stated bound).
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class AnnualReportFiguresTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Counts_equal_the_sums_of_the_commit_records_month_by_month_and_for_the_year()
    {
        var made = await ScenarioReport.GetAsync(azurite);
        var figures = await FiguresAsync(made);
        var records = await CommitRecordsAsync(made.Scenario.Year);
        Assert.NotEmpty(records);

        foreach (var period in records.Select(r => Period(r.Date)).Distinct().Append("2026"))
        {
            var of = records.Where(r => Period(r.Date) == period || period == "2026").ToList();
            Assert.Equal(of.Sum(r => r.Last - r.First + 1), figures[$"art13-2/events/all/{period}"].Value);
            Assert.Equal(of.Sum(r => r.StoredCount), figures[$"art13-2/stored-events/all/{period}"].Value);
            Assert.Equal(of.Sum(r => r.Quarantined.Count), figures[$"art13-5/quarantined/all/{period}"].Value);
            foreach (var level in ResidencyContainers.LevelNames)
            {
                Assert.Equal(of.SelectMany(r => r.Blobs).Where(b => b.Level == level).Sum(b => (long)b.Lines), figures[$"art13-2/lines/{level}/{period}"].Value);
                Assert.Equal(of.SelectMany(r => r.Blobs).Where(b => b.Level == level).Sum(b => b.Bytes), figures[$"art13-2/bytes/{level}/{period}"].Value);
            }

            foreach (var reason in new[] { "invalid-json", "missing-field" })
            {
                Assert.Equal(of.SelectMany(r => r.Quarantined).Count(q => q.Reason == reason), figures[$"art13-5/quarantined/{reason}/{period}"].Value);
            }

            Assert.Equal(of.Sum(r => r.Facts.ExteriorFrames), figures[$"art13-2/exterior-frames/all/{period}"].Value);
            Assert.Equal(of.Sum(r => r.Facts.SensitiveAreaHits), figures[$"art13-2/sensitive-area-hits/all/{period}"].Value);
            Assert.Equal(of.Sum(r => r.Facts.FieldsByCategory.GetValueOrDefault("location")), figures[$"art13-2/fields/location/{period}"].Value);
        }
    }

    [Fact]
    public async Task Distinct_vehicles_and_persons_are_within_their_stated_error_of_the_true_counts()
    {
        var made = await ScenarioReport.GetAsync(azurite);
        var figures = await FiguresAsync(made);

        foreach (var (level, vehicles) in made.Scenario.VehiclesByLevel)
        {
            var figure = figures[$"art13-2/vehicles/{level}/2026"];
            Assert.NotNull(figure.ErrorBound);
            Assert.InRange(figure.Value, vehicles.Count - figure.ErrorBound!.Value, vehicles.Count + figure.ErrorBound.Value);
        }

        foreach (var (kind, persons) in made.Scenario.PersonsByKind)
        {
            var figure = figures[$"art13-2/persons/{kind}/2026"];
            Assert.InRange(figure.Value, persons.Count - figure.ErrorBound!.Value, persons.Count + figure.ErrorBound.Value);
        }
    }

    [Fact]
    public async Task Subject_requests_are_counted_in_statutory_working_days_and_late_deletions_listed()
    {
        var made = await ScenarioReport.GetAsync(azurite);
        var figures = await FiguresAsync(made);
        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(made.Json));

        Assert.Equal(3, figures["rights/deletion-requests/all/2026"].Value);
        Assert.Equal(6, figures["rights/deletion-working-days-median/all/2026"].Value); // 1, 6 and 11 working days
        Assert.Equal(11, figures["rights/deletion-working-days-max/all/2026"].Value); // 12 Feb to 5 Mar across the Spring Festival
        Assert.Equal(1, figures["rights/deletions-late/all/2026"].Value);
        Assert.Equal(2, figures["rights/access-requests/all/2026"].Value);
        Assert.Equal(1, figures["rights/access-working-days-median/all/2026"].Value);
        var late = Assert.Single(json.RootElement.GetProperty("lateDeletions").EnumerateArray());
        Assert.Equal(made.Scenario.LateDeletionId, late.GetProperty("requestId").GetString());
        Assert.Equal("2026-03-04", late.GetProperty("deadline").GetString());
    }

    [Fact]
    public async Task Every_figure_names_a_source_read_and_the_reviewer_checks_pass_except_the_day_left_unverified()
    {
        var made = await ScenarioReport.GetAsync(azurite);
        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(made.Json));
        var root = json.RootElement;
        var sets = root.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("id").GetString()).ToHashSet();

        foreach (var figure in root.GetProperty("figures").EnumerateArray())
        {
            Assert.Contains(figure.GetProperty("source").GetProperty("set").GetString(), sets);
            Assert.False(string.IsNullOrWhiteSpace(figure.GetProperty("source").GetProperty("field").GetString()));
        }

        var checks = root.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!, c => c.GetProperty("passed").GetBoolean());
        Assert.True(checks["months-sum-to-year"]);
        Assert.True(checks["events-balance"]);
        Assert.True(checks["levels-consistent"]);
        Assert.True(checks["every-figure-sourced"]);
        Assert.True(checks["ledger-complete"]);
        Assert.False(checks["days-verified"]);
        Assert.Contains(made.Scenario.Unverified.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            root.GetProperty("unverifiedDays").EnumerateArray().Select(d => d.GetString()));
        Assert.Empty(root.GetProperty("missingItems").EnumerateArray());
        Assert.Equal(2, root.GetProperty("policies").GetArrayLength());
    }

    private static string Period(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private async Task<List<CommitRecord>> CommitRecordsAsync(int year)
    {
        var audit = azurite.CreateClient().GetBlobContainerClient(ResidencyContainers.Audit);
        var records = new List<CommitRecord>();
        await foreach (var item in audit.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = $"{BlobLayout.CommitsRoot}{year:D4}/" }))
        {
            var content = (await audit.GetBlobClient(item.Name).DownloadContentAsync()).Value.Content;
            using var document = JsonDocument.Parse(content.ToMemory());
            records.Add(CommitRecord.Read(document.RootElement));
        }

        return records;
    }

    internal static async Task<Dictionary<string, (decimal Value, decimal? ErrorBound)>> FiguresAsync(ScenarioReport made)
    {
        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(made.Json));
        return json.RootElement.GetProperty("figures").EnumerateArray().ToDictionary(
            f => f.GetProperty("id").GetString()!,
            f => (f.GetProperty("value").GetDecimal(), f.TryGetProperty("errorBound", out var bound) ? bound.GetDecimal() : (decimal?)null));
    }
}
