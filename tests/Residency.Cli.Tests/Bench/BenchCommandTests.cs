using System.Globalization;
using System.Text.RegularExpressions;
using Xunit;

namespace Residency.Cli.Tests.Bench;

/// <summary>
/// `residency bench` for real with tiny numbers: a fresh Azurite and the handler executable per row, both rows in the
/// table with plausible figures. No wall-clock assertions: only counts and how they relate.
/// </summary>
public sealed class BenchCommandTests
{
    private const int Events = 300;

    [Fact]
    public async Task Bench_prints_a_row_per_batch_size_with_requests_floor_and_peak_working_set()
    {
        var (exitCode, output, error) = await CliRunner.RunAsync(
            "bench", "--events", Events.ToString(CultureInfo.InvariantCulture), "--vehicles", "10", "--partitions", "2", "--malformed-share", "0.05");

        Assert.True(exitCode == 0, output + error);
        Assert.Contains("bench: every event of every row was stored or quarantined once, and the ledger verifies clean.", output, StringComparison.Ordinal);
        Assert.Contains("| host batch | events | batches |", output, StringComparison.Ordinal);
        var rows = Rows(output);
        Assert.Equal([100, 1000], rows.Select(r => r.BatchSize));
        foreach (var row in rows)
        {
            Assert.Equal(Events, row.Events);
            Assert.True(row.EventsPerSecond > 0, output);
            // Fewer than one request per event, and some: the batch layout at work (the old layout took about 3 per event).
            Assert.InRange(row.RequestsPerThousand, 1, 999);
            Assert.Equal(row.Requests * 1000.0 / Events, row.RequestsPerThousand, 0.1);
            Assert.True(row.FloorRequests > 0 && row.EndToEndOverFloor > 0, output);
            if (OperatingSystem.IsLinux())
            {
                Assert.InRange(row.PeakMegabytes!.Value, 20, 4096);

            }

            var detail = Detail(output, row.BatchSize);
            Assert.Contains($"{Events} of {Events} events accounted for, 0 failed batches, audit verify clean", detail, StringComparison.Ordinal);
            // Within the cost model: levels touched + 3 per batch and a head read per partition, before markers and quarantine.
            Assert.True(Number(detail, @"= ([\d,]+) for") <= Number(detail, @"budget ([\d,]+):"), detail);
            // The floor is plain puts: one request per stored blob.
            Assert.Equal(row.FloorRequests, Number(detail, @"floor ([\d,]+) blobs"));
            Assert.True(Number(detail, @"\+ ([\d,]+) quarantine entries") > 0, detail);
        }

        // The handler's JIT clock, read before and after each row: a new handler compiles methods in every row.
        Assert.All(rows, row => Assert.True(row.JitMsPerThousand > 0, output));

        // The same events in larger batches: fewer batches, fewer requests.
        Assert.True(rows[1].Batches < rows[0].Batches, output);
        Assert.True(rows[1].Requests < rows[0].Requests, output);
        Assert.Contains("ratio batch 1,000 / batch 100: events/s ", output, StringComparison.Ordinal);
        Assert.Contains("load average", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cold_start_times_each_start_to_its_answer_and_its_first_200()
    {
        var (exitCode, output, error) = await CliRunner.RunAsync("bench", "cold-start", "--runs", "2");

        Assert.True(exitCode == 0, output + error);
        Assert.Contains("2 start(s) of Residency.Functions.dll (assembly, JIT), policy built in", output, StringComparison.Ordinal);
        var answered = Milliseconds(output, "process start to GET / answered");
        var firstOk = Milliseconds(output, "process start to first 200 (one event)");
        Assert.True(answered[0] > 0 && answered[0] <= answered[1] && answered[1] <= answered[2], output);
        // The first 200 comes after the first answer to GET /, in every run: so its minimum and median are later too.
        Assert.True(firstOk[0] > answered[0] && firstOk[1] > answered[1], output);
        Assert.Equal(2, Regex.Count(error, "run [12]/2: GET / answered after"));
    }

    private static double[] Milliseconds(string output, string row)
    {
        var match = Regex.Match(output, Regex.Escape(row) + @" \| ([\d]+) ms \| ([\d]+) ms \| ([\d]+) ms \|");
        Assert.True(match.Success, output);
        return [.. match.Groups.Values.Skip(1).Select(g => double.Parse(g.Value, CultureInfo.InvariantCulture))];
    }

    [Fact]
    public async Task Bench_measures_the_telemetry_overhead_with_the_sdk_off_and_on_in_the_same_run()
    {
        var (exitCode, output, error) = await CliRunner.RunAsync(
            "bench", "--events", "200", "--vehicles", "10", "--partitions", "2", "--batch-sizes", "100", "--telemetry-overhead");

        Assert.True(exitCode == 0, output + error);
        var line = Assert.Single(output.Split('\n'), l => l.StartsWith("telemetry overhead (batch 100, 2 rows each, alternately): handler CPU per 1,000 events off ", StringComparison.Ordinal));
        // Every invocation is traced and metrics go out each second: the sink hears from the handler.
        Assert.Matches(@"OTLP sink received [1-9][0-9]* requests", line);
    }

    [Fact]
    public async Task Bench_refuses_bad_options_with_exit_2()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("bench", "--batch-sizes", "0");
        Assert.Equal(2, exitCode);
        Assert.Contains("--batch-sizes", error, StringComparison.Ordinal);
    }

    private static List<TableRow> Rows(string output) =>
        output.Split('\n')
            .Where(line => Regex.IsMatch(line, @"^\| [\d,]+ \|"))
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries)[1..^1])
            .Select(cells => new TableRow(
                (int)Parse(cells[0]), (int)Parse(cells[1]), (int)Parse(cells[2]), Parse(cells[4]), (long)Parse(cells[5]), Parse(cells[6]),
                (long)Parse(cells[7]), Parse(cells[9]), cells[11] == "n/a" ? null : Parse(cells[11].Replace(" ms", "", StringComparison.Ordinal)),
                cells[12] == "n/a" ? null : Parse(cells[12].Replace(" MB", "", StringComparison.Ordinal))))
            .ToList();

    private static string Detail(string output, int batchSize) =>
        output.Split('\n').Single(line => line.StartsWith($"batch {batchSize.ToString("N0", CultureInfo.InvariantCulture)}: ", StringComparison.Ordinal));

    private static long Number(string text, string pattern)
    {
        var match = Regex.Match(text, pattern);
        Assert.True(match.Success, $"'{pattern}' not in: {text}");
        return (long)Parse(match.Groups[1].Value);
    }

    private static double Parse(string cell) => double.Parse(cell, NumberStyles.Number, CultureInfo.InvariantCulture);

    private sealed record TableRow(
        int BatchSize, int Events, int Batches, double EventsPerSecond, long Requests, double RequestsPerThousand,
        long FloorRequests, double EndToEndOverFloor, double? JitMsPerThousand, double? PeakMegabytes);
}
