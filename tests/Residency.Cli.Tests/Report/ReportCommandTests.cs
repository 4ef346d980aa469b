using System.Text.Json;
using System.Text.Json.Nodes;
using Residency.Cli.Bench;
using Residency.Testing;
using Xunit;

namespace Residency.Cli.Tests.Report;

/// <summary>
/// `residency report annual` against a real Azurite holding synthetic day summaries of years no other test uses (2031,
/// 2032), with calendars for them given as operator files: each documented exit code, with a clear message.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class ReportCommandTests(AzuriteFixture azurite) : IDisposable
{
    private static readonly string Example = Path.Combine(RepoPaths.Root, "samples", "report", "facts.example.json");
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_day_without_a_summary_is_listed_the_report_still_written_and_the_exit_code_is_1()
    {
        var partitions = new[] { "m" + Guid.NewGuid().ToString("N")[..8], "m" + Guid.NewGuid().ToString("N")[..8] };
        await SyntheticLedger.WriteAsync(azurite.CreateClient(), partitions, new DateOnly(2031, 1, 1), new DateOnly(2031, 1, 10), new SyntheticLedgerShape(200, 20, 50),
            (partition, day) => partition == partitions[1] && day == new DateOnly(2031, 1, 5));
        var output = Path.Combine(_directory.Path, "out");

        var (exit, stdout, error) = await CliRunner.RunAsync(Args(2031, Example, output));

        Assert.True(exit == 1, stdout + error);
        Assert.Contains("error: the ledger has 1 partition-day(s) without a day summary", error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(output, "report.json")));
        var missing = Assert.Single(json.RootElement.GetProperty("missingDays").EnumerateArray());
        Assert.Equal(partitions[1], missing.GetProperty("partition").GetString());
        Assert.Equal("2031-01-05", missing.GetProperty("day").GetString());
        Assert.Contains($"partition {partitions[1]}: 2031-01-05", await File.ReadAllTextAsync(Path.Combine(output, "report.html")), StringComparison.Ordinal);
        // No Chromium in this environment: one line says how to get the PDF, and the exit code is the report's.
        Assert.Single(error.Split('\n'), line => line.Contains("no Chromium found", StringComparison.Ordinal) && line.Contains("apt-get install", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(output, "report.pdf")));
    }

    [Fact]
    public async Task A_missing_facts_item_exits_3_naming_it_and_a_draft_exits_0_with_the_item_to_be_completed_and_a_pdf()
    {
        await SyntheticLedger.WriteAsync(azurite.CreateClient(), ["n" + Guid.NewGuid().ToString("N")[..8]], new DateOnly(2032, 3, 1), new DateOnly(2032, 3, 5),
            new SyntheticLedgerShape(200, 20, 50));
        var facts = JsonNode.Parse(await File.ReadAllTextAsync(Example), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
        facts["contacts"]!.AsObject().Remove("userRightsContact");
        var factsFile = _directory.Write("facts.json", facts.ToJsonString());

        var (exit, stdout, error) = await CliRunner.RunAsync(Args(2032, factsFile, Path.Combine(_directory.Path, "final")));

        Assert.True(exit == 3, stdout + error);
        Assert.Contains("error: 1 item(s) to be completed in the facts file: contacts.userRightsContact", error, StringComparison.Ordinal);

        var draftFolder = Path.Combine(_directory.Path, "draft");
        var chromium = Chromium();
        var draft = await CliRunner.RunAsync(new Dictionary<string, string> { ["RESIDENCY_CHROMIUM"] = chromium }, [.. Args(2032, factsFile, draftFolder), "--draft"]);

        Assert.True(draft.ExitCode == 0, draft.Output + draft.Error);
        Assert.Contains("warning: 1 item(s) to be completed", draft.Error, StringComparison.Ordinal);
        var page = await File.ReadAllTextAsync(Path.Combine(draftFolder, "report.html"));
        Assert.Contains("待补充 / to be completed", page, StringComparison.Ordinal);
        Assert.Contains("DRAFT", page, StringComparison.Ordinal);
        Assert.Equal("%PDF"u8.ToArray(), (await File.ReadAllBytesAsync(Path.Combine(draftFolder, "report.pdf")))[..4]);
    }

    [Fact]
    public async Task A_year_without_a_calendar_exits_3_naming_the_year_and_writes_nothing()
    {
        var output = Path.Combine(_directory.Path, "out");

        var (exit, _, error) = await CliRunner.RunAsync(Args(2033, Example, output));

        Assert.Equal(3, exit);
        Assert.StartsWith("error: no statutory calendar for 2033: add cn-2033.json", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task An_invalid_facts_file_exits_3_naming_the_member()
    {
        var facts = _directory.Write("facts.json", """{ "schema": "residency-report-facts/1", "contact": {} }""");

        var (exit, _, error) = await CliRunner.RunAsync(Args(2032, facts, Path.Combine(_directory.Path, "out")));

        Assert.Equal(3, exit);
        Assert.Contains("'contact'", error, StringComparison.Ordinal);
    }

    private string[] Args(int year, string facts, string output) =>
    [
        "report", "annual", "--year", year.ToString(System.Globalization.CultureInfo.InvariantCulture), "--facts", facts, "--out", output,
        "--calendar", Calendars(), "--connection-string", azurite.ConnectionString, "--development",
    ];

    // Operator calendar files for the test years: weekends only, no holidays.
    private string Calendars()
    {
        var folder = Path.Combine(_directory.Path, "calendar");
        Directory.CreateDirectory(folder);
        foreach (var year in new[] { 2031, 2032 })
        {
            File.WriteAllText(Path.Combine(folder, $"cn-{year}.json"),
                $$"""{ "schema": "residency-calendar/1", "year": {{year}}, "source": "test calendar", "daysOff": [], "workingDays": [] }""");
        }

        return folder;
    }

    // Debian's chromium (CI installs it and names it in RESIDENCY_CHROMIUM); the test fails without one, never skips.
    private static string Chromium() =>
        Environment.GetEnvironmentVariable("RESIDENCY_CHROMIUM") is { Length: > 0 } named ? named
        : (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Select(d => Path.Combine(d, "chromium")).FirstOrDefault(File.Exists)
          ?? throw new InvalidOperationException("no Chromium to print report.pdf: apt-get install -y chromium, or set RESIDENCY_CHROMIUM.");
}
