using System.Diagnostics;
using System.Globalization;
using Residency.Development;
using Residency.Storage;
using Residency.Storage.Audit;
using Residency.Storage.Clients;
using Residency.Storage.Ledger;

namespace Residency.Cli.Bench.Ledger;

/// <summary>
/// `residency bench ledger`: the day ledger at scale on a fresh Azurite. Commits synthetic days of growing size
/// (one batch per partition the day after seals the last), then measures what sealing cost in requests, and
/// `audit verify --day` per day against a full verify of the same data: wall time, requests, peak managed heap.
/// </summary>
internal sealed class LedgerBench(IReadOnlyList<int> daySizes, int partitions, int batchSize, int vehicles, int concurrency, CliContext context, TextWriter progress)
{
    private static readonly DateOnly FirstDay = new(2026, 11, 2);

    public async Task<bool> RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        Say("starting a fresh Azurite...");
        await using var azurite = await AzuriteLauncher.StartAsync(
            new AzuriteRequest { Settings = context.Azurite, NeedsOwnInstance = true, Order = [AzuriteSource.Testcontainers, AzuriteSource.NpmProcess] },
            line => Say(line), cancellationToken);
        var all = new StorageRequestCounter();
        var ledger = new LedgerRequestCounter();
        var client = ResidencyBlobClients.FromConnectionString(azurite.ConnectionString, StorageClientSettings.Development, all, ledger);
        var store = new ResidencyStore(client, StorageClientSettings.Development, maxConcurrency: 16);
        await store.EnsureContainersAsync(cancellationToken);

        var fleet = Enumerable.Range(0, vehicles).Select(i => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i)))).ToList();
        var next = new long[partitions];
        var clock = Stopwatch.StartNew();
        var events = 0L;
        for (var d = 0; d <= daySizes.Count; d++)
        {
            // The day after the last is one batch per partition: it seals the last day.
            var perPartition = d < daySizes.Count ? daySizes[d] / partitions : batchSize;
            Say($"committing {ChinaDay.Format(FirstDay.AddDays(d))}: {perPartition * partitions} events over {partitions} partitions...");
            await Task.WhenAll(Enumerable.Range(0, partitions).Select(async p =>
            {
                for (var done = 0; done < perPartition; done += batchSize)
                {
                    var count = Math.Min(batchSize, perPartition - done);
                    await store.CommitBatchAsync(SyntheticDays.Batch(p.ToString(CultureInfo.InvariantCulture), next[p], count, FirstDay.AddDays(d), fleet), cancellationToken);
                    next[p] += count;
                }
            }));
            events += (long)perPartition * partitions;
        }

        var committed = (Seconds: clock.Elapsed.TotalSeconds, Requests: all.Total, Summaries: ledger.Summaries, Listings: ledger.ReceiptListings);
        var sealedDays = daySizes.Count * partitions;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bench ledger: {events:N0} synthetic events (not through the classifier) in batches of {batchSize:N0} over {partitions} partitions, {vehicles:N0} vehicles; Azurite: {azurite.Description}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  committed in {committed.Seconds:F1} s with {committed.Requests:N0} storage requests; the day ledger added {committed.Summaries} summary writes and {committed.Listings} receipt listings " +
            $"for {sealedDays} sealed partition-days = {(double)(committed.Summaries + committed.Listings) / sealedDays:F2} requests per partition and day, " +
            $"{(committed.Summaries + committed.Listings) * 1000.0 / events:F4} per 1,000 events"));

        output.WriteLine("| verify | events | commits | wall time | storage requests | peak managed heap | problems |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        var clean = true;
        var dayRows = new List<(DateOnly Day, double Seconds, long Requests)>();
        for (var d = 0; d < daySizes.Count; d++)
        {
            var day = FirstDay.AddDays(d);
            var row = await VerifyAsync(client, all, new AuditScope { From = day, Concurrency = concurrency }, $"--day {ChinaDay.Format(day)}", output, cancellationToken);
            clean &= row.Clean;
            dayRows.Add((day, row.Seconds, row.Requests));
        }

        var full = await VerifyAsync(client, all, AuditScope.Everything with { Concurrency = concurrency }, "full (every day)", output, cancellationToken);
        clean &= full.Clean;
        var largest = dayRows[^1];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ratio --day {ChinaDay.Format(largest.Day)} / full: wall time {largest.Seconds / full.Seconds:F2}x, requests {(double)largest.Requests / full.Requests:F2}x"));
        output.WriteLine(clean ? "bench ledger: every verification clean." : "bench ledger: a verification found problems (see above): the figures are not trustworthy.");
        return clean;
    }

    private static async Task<(double Seconds, long Requests, bool Clean)> VerifyAsync(
        Azure.Storage.Blobs.BlobServiceClient client, StorageRequestCounter all, AuditScope scope, string label, TextWriter output, CancellationToken cancellationToken)
    {
        var before = all.Total;
        var clock = Stopwatch.StartNew();
        AuditReport report;
        long peak;
        await using (var heap = HeapSampler.Start())
        {
            report = await new AuditVerifier(client, maxRequests: Math.Max(16, scope.Concurrency * 2)).VerifyAsync(scope, cancellationToken: cancellationToken);
            peak = heap.PeakBytes;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var requests = all.Total - before;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {label} | {report.SequenceNumbers:N0} | {report.Commits:N0} | {seconds:F1} s | {requests:N0} | {peak / (1024.0 * 1024):F0} MiB | {report.Problems.Count} |"));
        return (seconds, requests, report.IsClean);
    }

    private void Say(string line) => progress.WriteLine("bench ledger: " + line);
}
