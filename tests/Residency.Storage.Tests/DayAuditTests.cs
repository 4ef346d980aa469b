using System.Text;
using Azure.Storage.Blobs;
using Residency.Storage.Audit;
using Residency.Storage.Batches;
using Residency.Testing;
using Xunit;

namespace Residency.Storage.Tests;

/// <summary>
/// <c>audit verify --day</c> finds each kind of problem in a sealed day: each test builds three days of one partition
/// (the first two sealed), breaks one thing, and verifies only the day it broke.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class DayAuditTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Day1Start = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Day1 = new(2026, 11, 22);
    private static readonly DateOnly Day2 = new(2026, 11, 23);
    private readonly BlobServiceClient _client = azurite.CreateClient();

    [Fact]
    public async Task The_days_as_written_are_clean_day_by_day_and_in_full()
    {
        var (partition, _) = await ThreeDaysAsync();

        foreach (var day in new[] { Day1, Day2, Day2.AddDays(1) })
        {
            var report = await VerifyAsync(partition, day);
            Assert.True(report.IsClean, string.Join("; ", report.Problems.Select(p => p.Detail)));
        }

        var full = await new AuditVerifier(_client).VerifyAsync([partition]);
        Assert.True(full.IsClean, string.Join("; ", full.Problems.Select(p => p.Detail)));
        Assert.Equal((2, 1, 40L), (full.SealedDays, full.OpenDays, full.SequenceNumbers));
    }

    [Fact]
    public async Task A_missing_blob()
    {
        var (partition, records) = await ThreeDaysAsync();
        var blob = records[1].Blobs[0];
        await _client.GetBlobContainerClient(blob.Container).GetBlobClient(blob.Name).DeleteAsync();

        await ExpectAsync(partition, Day1, AuditProblemKind.MissingBlob, blob.Name);
    }

    [Fact]
    public async Task An_edited_blob()
    {
        var (partition, records) = await ThreeDaysAsync();
        var blob = records[0].Blobs[1];
        await _client.GetBlobContainerClient(blob.Container).GetBlobClient(blob.Name).UploadAsync(BinaryData.FromString("edited"), overwrite: true);

        await ExpectAsync(partition, Day1, AuditProblemKind.HashMismatch, blob.Name);
    }

    [Fact]
    public async Task A_missing_commit()
    {
        var (partition, records) = await ThreeDaysAsync();
        await Audit.GetBlobClient(records[1].Name).DeleteAsync();

        await ExpectAsync(partition, Day1, AuditProblemKind.Gap, "10-19");
        await ExpectAsync(partition, Day1, AuditProblemKind.SummaryMismatch, "commits");
    }

    [Fact]
    public async Task A_gap()
    {
        var partition = TestBatches.NewPartition();
        var store = await azurite.CreateStoreAsync();
        await store.CommitBatchAsync(Batch(partition, 0, 9, Day1Start));
        await store.CommitBatchAsync(Batch(partition, 15, 19, Day1Start));
        await store.SealDaysAsync(partition, Day2);

        await ExpectAsync(partition, Day1, AuditProblemKind.Gap, "10-14");
    }

    [Fact]
    public async Task An_overlap()
    {
        var (partition, records) = await ThreeDaysAsync();
        var copy = Encoding.UTF8.GetString(records[1].ToUtf8Json()).Replace("\"first\":10,\"last\":19", "\"first\":15,\"last\":24", StringComparison.Ordinal);
        await Audit.GetBlobClient(BlobLayout.CommitName(Day1, partition, 15, 24)).UploadAsync(BinaryData.FromString(copy));

        await ExpectAsync(partition, Day1, AuditProblemKind.Overlap, "overlap");
    }

    [Fact]
    public async Task An_edited_summary()
    {
        var (partition, _) = await ThreeDaysAsync();
        var summary = Audit.GetBlobClient(BlobLayout.DaySummaryName(Day1, partition));
        var text = (await summary.DownloadContentAsync()).Value.Content.ToString().Replace("\"total\":30", "\"total\":29", StringComparison.Ordinal);
        await summary.UploadAsync(BinaryData.FromString(text), overwrite: true);

        await ExpectAsync(partition, Day1, AuditProblemKind.SummaryMismatch, "events");
        await ExpectAsync(partition, Day1, AuditProblemKind.BrokenChain, "edited");
    }

    [Fact]
    public async Task A_deleted_summary()
    {
        var (partition, _) = await ThreeDaysAsync();
        await Audit.GetBlobClient(BlobLayout.DaySummaryName(Day1, partition)).DeleteAsync();

        await ExpectAsync(partition, Day1, AuditProblemKind.MissingSummary, BlobLayout.DaySummaryName(Day1, partition));
    }

    [Fact]
    public async Task A_broken_chain()
    {
        var (partition, _) = await ThreeDaysAsync();
        await Audit.GetBlobClient(BlobLayout.DaySummaryName(Day1, partition)).DeleteAsync();

        // Verifying only the next day: its link to the deleted day no longer holds.
        await ExpectAsync(partition, Day2, AuditProblemKind.BrokenChain, "missing");
    }

    [Fact]
    public async Task A_sample_checks_fewer_blobs_and_says_so()
    {
        var (partition, _) = await ThreeDaysAsync();

        var report = await new AuditVerifier(_client).VerifyAsync(new AuditScope { From = Day1, Partitions = [partition], SampleCommits = 1 });

        Assert.True(report.IsClean);
        Assert.True(report.Sampled);
        Assert.Equal((3, 1), (report.Commits, report.CommitsHashChecked));
    }

    private BlobContainerClient Audit => _client.GetBlobContainerClient(ResidencyContainers.Audit);

    // Day 1: commits 0-9, 10-19 and 20-29; day 2: 30-34; day 3 (open): 35-39.
    private async Task<(string Partition, List<CommitRecord> Day1Records)> ThreeDaysAsync()
    {
        var partition = TestBatches.NewPartition();
        var store = await azurite.CreateStoreAsync();
        var names = new List<string>();
        foreach (var (first, last, start) in new[] { (0L, 9L, Day1Start), (10L, 19L, Day1Start), (20L, 29L, Day1Start), (30L, 34L, Day1Start.AddDays(1)), (35L, 39L, Day1Start.AddDays(2)) })
        {
            names.Add((await store.CommitBatchAsync(Batch(partition, first, last, start))).CommitName!);
        }

        var records = new List<CommitRecord>();
        foreach (var name in names.Take(3))
        {
            using var document = System.Text.Json.JsonDocument.Parse((await Audit.GetBlobClient(name).DownloadContentAsync()).Value.Content.ToMemory());
            records.Add(CommitRecord.Read(document.RootElement));
        }

        return (partition, records);
    }

    private static PreparedBatch Batch(string partition, long first, long last, DateTimeOffset dayStart) =>
        TestBatches.Batch(partition, TestBatches.Events(first, last, null, dayStart.AddSeconds(-first)));

    private Task<AuditReport> VerifyAsync(string partition, DateOnly day) =>
        new AuditVerifier(_client).VerifyAsync(new AuditScope { From = day, Partitions = [partition] });

    private async Task ExpectAsync(string partition, DateOnly day, AuditProblemKind kind, string detailFragment)
    {
        var report = await VerifyAsync(partition, day);
        Assert.Contains(report.Problems, p => p.Kind == kind && p.Day == day && p.Detail.Contains(detailFragment, StringComparison.Ordinal));
        Assert.All(report.Problems, p => Assert.Equal(partition, p.PartitionId));
    }
}
