using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Residency.Development;
using Residency.Reporting;
using Residency.Reporting.Calendar;
using Residency.Reporting.Facts;
using Residency.Storage.Clients;

namespace Residency.Cli.Bench;

/// <summary>
/// <c>residency bench report</c>: a SYNTHETIC year of day summaries (one per partition and day, written straight into a
/// fresh Azurite, untimed), then the annual report over it, timed: wall time, storage requests, and the files' writing.
/// </summary>
internal static class ReportBench
{
    public static Command Create(CliContext context)
    {
        var year = new Option<int>("--year") { Description = "The synthetic year.", DefaultValueFactory = _ => 2026 }.Within(2025, 2026);
        var partitions = new Option<int>("--partitions") { Description = "Partitions, one summary each per day.", DefaultValueFactory = _ => 32 }.Within(1, 1024);
        var events = new Option<int>("--events-per-day") { Description = "Events per partition and day.", DefaultValueFactory = _ => 2_000 }.Within(1, 10_000_000);
        var vehicles = new Option<int>("--vehicles-per-day")
        {
            Description = "Distinct vehicles per partition and day (sketch size: sparse up to about 1,365, dense above).",
            DefaultValueFactory = _ => 200,
        }.Within(1, 100_000);
        var concurrency = new Option<int>("--max-concurrency") { Description = "Ledger documents read at once.", DefaultValueFactory = _ => 32 }.Within(1, 64);
        var command = new Command("report",
            "Time the annual report over a SYNTHETIC year of day summaries (every day of the year for each partition) in a fresh Azurite: " +
            "wall time and storage requests of reading and building, and of writing report.json and report.html.");
        foreach (var option in new Option[] { year, partitions, events, vehicles, concurrency })
        {
            command.Options.Add(option);
        }

        command.SetGuardedAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(year), parse.GetValue(partitions), new SyntheticLedgerShape(parse.GetValue(events), parse.GetValue(vehicles), Math.Max(parse.GetValue(vehicles), 2_000)),
            parse.GetValue(concurrency), context, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        int year, int partitionCount, SyntheticLedgerShape shape, int concurrency, CliContext context, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var request = new AzuriteRequest { Settings = context.Azurite, Order = [AzuriteSource.Testcontainers, AzuriteSource.NpmProcess], NeedsOwnInstance = true };
        await using var azurite = await AzuriteLauncher.StartAsync(request, line => error.WriteLine("bench report: " + line), cancellationToken);
        var service = ResidencyBlobClients.FromConnectionString(azurite.ConnectionString, StorageClientSettings.Development);
        var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var partitions = SyntheticLedger.Partitions(partitionCount);
        var expected = partitionCount * (last.DayNumber - first.DayNumber + 1);
        await error.WriteLineAsync(Invariant($"bench report: writing {expected} SYNTHETIC day summaries ({partitionCount} partitions x {last.DayNumber - first.DayNumber + 1} days) into {azurite.Description}..."));
        var throttle = new ProgressThrottle(context.Time, TimeSpan.FromSeconds(5));
        var writing = Stopwatch.StartNew();
        var written = await SyntheticLedger.WriteAsync(service, partitions, first, last, shape, maxConcurrency: 32,
            progress: new Progress<int>(n =>
            {
                if (throttle.Due(n == expected))
                {
                    error.WriteLine(Invariant($"bench report: written {n}/{expected}"));
                }
            }), cancellationToken: cancellationToken);
        writing.Stop();

        var folder = Directory.CreateTempSubdirectory("residency-bench-report-");
        try
        {
            var calendar = StatutoryCalendar.Load();
            using var scope = StorageRequestCounter.BeginScope();
            var clock = Stopwatch.StartNew();
            var report = await AnnualReports.CreateAsync(service, "chinanorth3", year, last, draft: true, new ReportFacts { Schema = FactsFile.Schema }, "none (bench)",
                null, calendar, context.Time.GetUtcNow(), null, concurrency, cancellationToken);
            var built = clock.Elapsed;
            var requests = scope.Count;
            await ReportFiles.WriteAsync(report, folder.FullName, cancellationToken);
            var total = clock.Elapsed;
            var summaries = report.Sources.First(s => s.Id == "day-summaries").Documents;
            var bytes = new DirectoryInfo(folder.FullName).EnumerateFiles().ToDictionary(f => f.Name, f => f.Length);
            await output.WriteLineAsync(Invariant($"bench report: SYNTHETIC ledger of {written} day summaries ({partitionCount} partitions, {year}), written in {writing.Elapsed.TotalSeconds:0.0} s (untimed), {azurite.Description}"));
            await output.WriteLineAsync(Invariant($"  shape: {shape.EventsPerDay} events and {shape.VehiclesPerDay} vehicles per partition-day, {report.Figures.Count} figures"));
            await output.WriteLineAsync(Invariant($"  read and build: {built.TotalSeconds:0.00} s, {requests} storage requests ({summaries} summaries read, {(double)requests / Math.Max(1, summaries):0.000} requests per summary), {concurrency} in flight"));
            await output.WriteLineAsync(Invariant($"  write report.json ({bytes[ReportFiles.Json]:N0} bytes) and report.html ({bytes[ReportFiles.Html]:N0} bytes): {(total - built).TotalSeconds:0.00} s; total {total.TotalSeconds:0.00} s"));
            var floor = await FloorAsync(service, year, concurrency, cancellationToken);
            await output.WriteLineAsync(Invariant($"  floor (the same summaries listed and downloaded, not parsed): {floor.TotalSeconds:0.00} s; report / floor {built / floor:0.00}"));
            var sound = summaries == expected && report.MissingDays.Count == 0 && report.UnreadableDocuments.Count == 0;
            await output.WriteLineAsync(sound
                ? Invariant($"bench report: every summary was read ({summaries} of {expected}); goal under 60 s: {(total.TotalSeconds < 60 ? "met" : "NOT met")}.")
                : Invariant($"bench report: read {summaries} of {expected} summaries, {report.MissingDays.Count} missing, {report.UnreadableDocuments.Count} unreadable: the figures are not trustworthy."));
            return sound ? ExitCodes.Success : ExitCodes.Failure;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    // What reading alone costs on this Azurite: list the year's summaries and download each, nothing parsed.
    private static async Task<TimeSpan> FloorAsync(Azure.Storage.Blobs.BlobServiceClient service, int year, int concurrency, CancellationToken cancellationToken)
    {
        var audit = service.GetBlobContainerClient(Residency.Storage.ResidencyContainers.Audit);
        var clock = Stopwatch.StartNew();
        var names = new List<string>();
        await foreach (var item in audit.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = Invariant($"days/{year:D4}/") }, cancellationToken))
        {
            names.Add(item.Name);
        }

        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (name, ct) => await audit.GetBlobClient(name).DownloadContentAsync(ct));
        return clock.Elapsed;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
