using System.Text;
using Azure.Storage.Blobs;
using Residency.Storage.Audit;
using Residency.Storage.Batches;
using Residency.Storage.Clients;
using Residency.Storage.Ledger;
using Residency.Testing;
using Xunit;

namespace Residency.Storage.Tests;

/// <summary>
/// The day ledger against a real Azurite: each partition's China Standard Time day sealed once into a summary chained
/// to the day before, by the next day's first batch or by the timer, a day without traffic included; exactly once
/// under a crash after every storage request and with racing instances; the same summary however the day's batches
/// arrived; one request per partition and day.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class DayLedgerTests(AzuriteFixture azurite)
{
    // 2026-11-22 16:00 China Standard Time; events one second apart.
    private static readonly DateTimeOffset Day1 = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_batch_of_a_later_day_seals_every_day_before_it_chained_one_to_the_next()
    {
        var partition = TestBatches.NewPartition();
        var store = await azurite.CreateStoreAsync();
        await store.CommitBatchAsync(Batch(partition, 0, 9, Day1));
        await store.CommitBatchAsync(Batch(partition, 10, 19, Day1.AddHours(1)));
        await store.CommitBatchAsync(Batch(partition, 20, 29, Day1.AddDays(3)));

        var client = azurite.CreateClient();
        var day1 = await SummaryAsync(client, new DateOnly(2026, 11, 22), partition);
        var day2 = await SummaryAsync(client, new DateOnly(2026, 11, 23), partition);
        var day3 = await SummaryAsync(client, new DateOnly(2026, 11, 24), partition);
        Assert.Null(await TrySummaryAsync(client, new DateOnly(2026, 11, 25), partition));

        Assert.Null(day1.Previous);
        Assert.Equal((0L, 19L, 2, 20L), (day1.Totals.First, day1.Totals.Last, day1.Totals.Commits, day1.Totals.Events));
        Assert.Equal(-1, day1.Totals.Before);
        Assert.Equal(new DayLink(day1.Day, day1.Sha256), day2.Previous);
        Assert.Equal((-1L, 0, 19L), (day2.Totals.First, day2.Totals.Commits, day2.Totals.Before));
        Assert.Equal(new DayLink(day2.Day, day2.Sha256), day3.Previous);
        Assert.Equal(3, day1.Totals.Reasons["invalid-json"]);
        Assert.Equal(17, day1.Totals.Lines["general"]);
        // Each batch brings three vehicles of its own.
        Assert.Equal(6, day1.Totals.VehiclesByLevel["general"].Estimate(), 0.5);

        foreach (var day in new[] { day1.Day, day2.Day, day3.Day, day3.Day.AddDays(1) })
        {
            var report = await new AuditVerifier(client).VerifyAsync(new AuditScope { From = day, Partitions = [partition] });
            Assert.True(report.IsClean, Problems(report));
        }
    }

    [Fact]
    public async Task The_timer_closes_days_without_traffic_and_a_second_run_changes_nothing()
    {
        var partition = TestBatches.NewPartition();
        var store = await azurite.CreateStoreAsync();
        await store.CommitBatchAsync(Batch(partition, 0, 9, Day1));

        await store.SealDaysAsync(partition, new DateOnly(2026, 11, 25));
        var client = azurite.CreateClient();
        var etags = await EtagsAsync(client, partition);
        await store.SealDaysAsync(partition, new DateOnly(2026, 11, 25));

        Assert.Equal(etags, await EtagsAsync(client, partition));
        var day3 = await SummaryAsync(client, new DateOnly(2026, 11, 24), partition);
        Assert.Equal(0, day3.Totals.Commits);
        Assert.Equal(9, day3.Totals.Before);

        // The next batch, days later, continues the chain after the sealed days.
        await store.CommitBatchAsync(Batch(partition, 10, 14, Day1.AddDays(3)));
        await store.CommitBatchAsync(Batch(partition, 15, 19, Day1.AddDays(4)));
        var day4 = await SummaryAsync(client, new DateOnly(2026, 11, 25), partition);
        Assert.Equal(new DayLink(day3.Day, day3.Sha256), day4.Previous);
        Assert.Equal((9L, 10L, 14L), (day4.Totals.Before, day4.Totals.First, day4.Totals.Last));
        var report = await new AuditVerifier(client).VerifyAsync(new AuditScope { From = new DateOnly(2026, 11, 22), Until = new DateOnly(2026, 11, 26), Partitions = [partition] });
        Assert.True(report.IsClean, Problems(report));
        Assert.Equal(4, report.SealedDays);
        Assert.Equal(1, report.OpenDays);
    }

    [Fact]
    public async Task Late_events_of_a_sealed_day_count_in_the_first_open_day()
    {
        var partition = TestBatches.NewPartition();
        var store = await azurite.CreateStoreAsync();
        await store.CommitBatchAsync(Batch(partition, 0, 9, Day1));
        await store.SealDaysAsync(partition, new DateOnly(2026, 11, 23));

        // Enqueued on the sealed day, delivered after it was closed (a consumer behind at midnight).
        var result = await store.CommitBatchAsync(Batch(partition, 10, 19, Day1.AddHours(2)));

        Assert.StartsWith("commits/2026/11/23/", result.CommitName, StringComparison.Ordinal);
        Assert.Equal(10, (await SummaryAsync(azurite.CreateClient(), new DateOnly(2026, 11, 22), partition)).Totals.Events);
    }

    [Fact]
    public async Task Sealing_costs_one_request_per_partition_and_day_and_nothing_per_batch()
    {
        var partition = TestBatches.NewPartition();
        var counter = new StorageRequestCounter();
        var store = await azurite.CreateStoreAsync(8, counter);
        var vehicles = new[] { TestBatches.NewVehicleKey() };
        await store.CommitBatchAsync(Batch(partition, 0, 9, Day1, vehicles));
        var firstBatch = counter.Total;
        await store.CommitBatchAsync(Batch(partition, 10, 19, Day1.AddHours(1), vehicles));
        var sameDay = counter.Total - firstBatch;

        var beforeNextDay = counter.Total;
        await store.CommitBatchAsync(Batch(partition, 20, 29, Day1.AddDays(1), vehicles));
        var nextDay = counter.Total - beforeNextDay;

        // Within a day: three levels touched + 3, plus an entry per quarantined event (every seventh). The first batch
        // of the next day adds its vehicle's marker, one listing of the sealed day's receipts and one summary.
        static int Quarantined(long first, long last) => (int)Enumerable.Range((int)first, (int)(last - first + 1)).Count(s => s % 7 == 3);
        Assert.Equal(3 + 3 + Quarantined(10, 19), sameDay);
        Assert.Equal(3 + 3 + Quarantined(20, 29) + 1 + 1 + 1, nextDay);
    }

    [Fact]
    public async Task A_crash_after_any_storage_request_of_a_day_crossing_batch_seals_the_day_once()
    {
        var vehicles = new[] { TestBatches.NewVehicleKey(), TestBatches.NewVehicleKey() };
        var reference = await SealedReferenceAsync(vehicles);
        var clean = new CrashAfterPolicy(int.MaxValue);
        var probe = TestBatches.NewPartition();
        await (await azurite.CreateStoreAsync()).CommitBatchAsync(Batch(probe, 0, 9, Day1, vehicles));
        await new ResidencyStore(azurite.CreateClient(null, clean), StorageClientSettings.Development).CommitBatchAsync(Batch(probe, 10, 19, Day1.AddDays(1), vehicles));
        Assert.InRange(clean.Requests, 8, 40);

        for (var crashAt = 1; crashAt <= clean.Requests; crashAt++)
        {
            foreach (var restart in new[] { false, true })
            {
                var partition = TestBatches.NewPartition();
                await (await azurite.CreateStoreAsync()).CommitBatchAsync(Batch(partition, 0, 9, Day1, vehicles));
                var crashing = new CrashAfterPolicy(crashAt);
                var store = new ResidencyStore(azurite.CreateClient(null, crashing), StorageClientSettings.Development);
                await Assert.ThrowsAsync<InjectedCrashException>(() => store.CommitBatchAsync(Batch(partition, 10, 19, Day1.AddDays(1), vehicles)));

                var retry = restart ? await azurite.CreateStoreAsync() : store;
                await retry.CommitBatchAsync(Batch(partition, 10, 19, Day1.AddDays(1), vehicles));
                var summary = await SummaryAsync(azurite.CreateClient(), new DateOnly(2026, 11, 22), partition);
                Assert.Equal(reference, Normalized(summary, partition));
                await StoreAssertions.VerifyCleanAsync(azurite.CreateClient(), partition, 20);
            }
        }
    }

    [Fact]
    public async Task Racing_instances_across_midnight_seal_each_day_once()
    {
        var partition = TestBatches.NewPartition();
        var vehicles = new[] { TestBatches.NewVehicleKey(), TestBatches.NewVehicleKey() };
        var first = await azurite.CreateStoreAsync();
        var second = await azurite.CreateStoreAsync();
        for (var round = 0; round < 6; round++)
        {
            var checkpoint = round * 40L;
            var day = Day1.AddDays(round / 2);
            await Task.WhenAll(
                Task.Run(() => first.CommitBatchAsync(Batch(partition, checkpoint, checkpoint + 59, day, vehicles))),
                Task.Run(() => second.CommitBatchAsync(Batch(partition, Math.Max(0, checkpoint - 20), checkpoint + 79, day, vehicles))),
                Task.Run(() => first.SealDaysAsync(partition, ChinaDay.Of(day))));
        }

        var client = azurite.CreateClient();
        var report = await new AuditVerifier(client).VerifyAsync([partition]);
        Assert.True(report.IsClean, Problems(report));
        Assert.Equal(2, report.SealedDays);
        Assert.Equal(5 * 40 + 80, report.SequenceNumbers);
    }

    [Fact]
    public async Task A_days_summary_is_the_same_whether_its_batches_came_in_one_run_or_across_restarts()
    {
        var vehicles = new[] { TestBatches.NewVehicleKey(), TestBatches.NewVehicleKey(), TestBatches.NewVehicleKey() };
        var (steady, restarted) = (TestBatches.NewPartition(), TestBatches.NewPartition());
        var store = await azurite.CreateStoreAsync();
        for (var i = 0; i < 5; i++)
        {
            await store.CommitBatchAsync(Batch(steady, i * 10, (i * 10) + 9, Day1.AddMinutes(i), vehicles));
            await (await azurite.CreateStoreAsync()).CommitBatchAsync(Batch(restarted, i * 10, (i * 10) + 9, Day1.AddMinutes(i), vehicles));
        }

        await store.CommitBatchAsync(Batch(steady, 50, 59, Day1.AddDays(1), vehicles));
        await store.SealDaysAsync(restarted, new DateOnly(2026, 11, 23));

        var client = azurite.CreateClient();
        Assert.Equal(
            Normalized(await SummaryAsync(client, new DateOnly(2026, 11, 22), steady), steady),
            Normalized(await SummaryAsync(client, new DateOnly(2026, 11, 22), restarted), restarted));
    }

    [Fact]
    public async Task Summaries_and_verification_records_hold_no_identifier()
    {
        var partition = TestBatches.NewPartition();
        var store = await azurite.CreateStoreAsync();
        await store.CommitBatchAsync(Batch(partition, 0, 9, Day1));
        await store.SealDaysAsync(partition, new DateOnly(2026, 11, 23));
        var client = azurite.CreateClient();
        var verifier = new AuditVerifier(client);
        var scope = new AuditScope { From = new DateOnly(2026, 11, 22), Partitions = [partition] };
        var report = await verifier.VerifyAsync(scope);
        var records = VerificationRecord.Of(report, scope, BlobLayout.NewAttemptId(), Day1, Day1, "tester@host (shared key)");
        await verifier.RecordAsync(records);

        var summary = Encoding.UTF8.GetString((await SummaryAsync(client, new DateOnly(2026, 11, 22), partition)).ToUtf8Json());
        var record = Encoding.UTF8.GetString(records[0].ToUtf8Json());
        foreach (var text in new[] { summary, record })
        {
            Assert.DoesNotContain("LSJA24U62JG269225", text, StringComparison.Ordinal);
            Assert.DoesNotContain("39.9", text, StringComparison.Ordinal);
            Assert.DoesNotMatch(@"1[3-9]\d{9}", text);
        }

        Assert.Equal(records[0].ToUtf8Json(), VerificationRecord.Read(records[0].ToUtf8Json()).ToUtf8Json());
    }

    // The reference summary of day 1 for these vehicles, sealed without any crash, with its partition name normalized.
    private async Task<string> SealedReferenceAsync(string[] vehicles)
    {
        var partition = TestBatches.NewPartition();
        var store = await azurite.CreateStoreAsync();
        await store.CommitBatchAsync(Batch(partition, 0, 9, Day1, vehicles));
        await store.CommitBatchAsync(Batch(partition, 10, 19, Day1.AddDays(1), vehicles));
        return Normalized(await SummaryAsync(azurite.CreateClient(), new DateOnly(2026, 11, 22), partition), partition);
    }

    // The partition's name, and the gzip sizes it changes (lines carry it), are what differs between two partitions' days.
    private static string Normalized(DaySummary summary, string partition) =>
        System.Text.RegularExpressions.Regex.Replace(
            Encoding.UTF8.GetString(summary.ToUtf8Json()).Replace(partition, "p", StringComparison.Ordinal), "\"bytes\":\\{[^}]*\\}", "\"bytes\":{}");

    private static PreparedBatch Batch(string partition, long first, long last, DateTimeOffset firstEnqueued, IReadOnlyList<string>? vehicles = null) =>
        TestBatches.Batch(partition, TestBatches.Events(first, last, vehicles, firstEnqueued.AddSeconds(-first)));

    private static async Task<DaySummary> SummaryAsync(BlobServiceClient client, DateOnly day, string partition) =>
        await TrySummaryAsync(client, day, partition) ?? throw new Xunit.Sdk.XunitException($"no summary for {ChinaDay.Format(day)}");

    private static async Task<DaySummary?> TrySummaryAsync(BlobServiceClient client, DateOnly day, string partition)
    {
        var blob = client.GetBlobContainerClient(ResidencyContainers.Audit).GetBlobClient(BlobLayout.DaySummaryName(day, partition));
        return (await blob.ExistsAsync()).Value ? DaySummary.Read((await blob.DownloadContentAsync()).Value.Content.ToMemory().Span) : null;
    }

    private static async Task<List<string>> EtagsAsync(BlobServiceClient client, string partition)
    {
        var etags = new List<string>();
        var audit = client.GetBlobContainerClient(ResidencyContainers.Audit);
        await foreach (var item in audit.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = BlobLayout.DaysRoot }))
        {
            if (item.Name.EndsWith($"/{partition}.json", StringComparison.Ordinal))
            {
                etags.Add(item.Name + " " + item.Properties.ETag);
            }
        }

        var head = await client.GetBlobContainerClient(ResidencyContainers.Index).GetBlobClient(BlobLayout.HeadName(partition)).GetPropertiesAsync();
        etags.Add(head.Value.ETag.ToString());
        return etags;
    }

    private static string Problems(AuditReport report) => "audit verify found: " + string.Join("; ", report.Problems.Select(p => $"{p.Kind} {p.Detail}"));
}
