using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs.Models;
using Residency.Classification;
using Residency.Storage;
using Residency.Storage.Audit;
using Residency.Storage.Clients;
using Residency.Storage.Ledger;
using Residency.Testing;
using Xunit;

namespace Residency.Ingest.Tests.Pipeline;

/// <summary>The pipeline on its own against Azurite: random batches, every event exactly one outcome, nothing lost.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class IngestPipelineTests(AzuriteFixture azurite)
{
    private static readonly string[] Kinds = ["account", "cabin", "charging", "diagnostic", "event", "telemetry", "trip"];
    private static readonly string[] Invalid = ["invalid-json", "missing-field", "unknown-schema", "wrong-type", "duplicate-key", "too-deep", "invalid-image"];

    private static string Samples => Path.Combine(RepoPaths.Root, "samples", "uploads");

    private static byte[] Sample(string kind, Random random)
    {
        var node = JsonNode.Parse(File.ReadAllBytes(Path.Combine(Samples, kind + ".json")))!;
        // Fresh ids even for a fixed seed, so a reused Azurite (AZURITE_CONNECTION_STRING) never sees them twice.
        _ = random;
        node["messageId"] = Guid.NewGuid().ToString();
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    // A random event: valid (plain or gzip), an invalid sample, random bytes, or a cut gzip stream.
    private static (byte[] Body, bool Valid) RandomEvent(Random random) => random.Next(10) switch
    {
        < 4 => (Sample(Kinds[random.Next(Kinds.Length)], random), true),
        < 6 => (Gzip(Sample(Kinds[random.Next(Kinds.Length)], random)), true),
        < 8 => (File.ReadAllBytes(Path.Combine(Samples, "invalid", Invalid[random.Next(Invalid.Length)] + ".json")), false),
        8 => (RandomBytes(random), false),
        _ => (Gzip(Sample("trip", random))[..random.Next(10, 200)], false),
    };

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(1, 300)];
        random.NextBytes(bytes);
        return bytes;
    }

    private async Task<IngestPipeline> PipelineAsync(int maxConcurrency = 4) =>
        new(ClassificationPolicy.Default, PseudonymizationKey.Development, await azurite.CreateStoreAsync(),
            new IngestPipelineOptions { MaxConcurrency = maxConcurrency });

    [Fact]
    public async Task Random_batches_give_every_event_exactly_one_outcome_in_storage()
    {
        var pipeline = await PipelineAsync();
        var client = azurite.CreateClient();
        for (var seed = 1; seed <= 6; seed++)
        {
            var random = new Random(seed);
            var partition = $"p{seed}-{Guid.NewGuid():N}"[..20];
            var generated = Enumerable.Range(0, random.Next(1, 25)).Select(_ => RandomEvent(random)).ToList();
            var first = random.Next(0, 1_000_000);
            var batch = new IngestBatch(partition, generated.Select((g, i) => new IngestEvent(g.Body, first + i, EnqueuedTimeUtc: DateTimeOffset.UtcNow)).ToList());

            var outcome = await pipeline.ProcessBatchAsync(batch);

            Assert.Equal(batch.Events.Select(e => e.SequenceNumber), outcome.Events.Select(e => e.SequenceNumber));
            for (var i = 0; i < generated.Count; i++)
            {
                var e = outcome.Events[i];
                Assert.True(generated[i].Valid == (e.Disposition == EventDisposition.Stored),
                    $"seed {seed} event {i}: valid {generated[i].Valid}, {e.Disposition} {e.ReasonCode}");
            }

            var quarantined = new HashSet<long>();
            var day = BlobLayout.DayPartitionPrefix(ChinaDay.Of(batch.Events[0].EnqueuedTimeUtc!.Value), partition);
            await foreach (var blob in client.GetBlobContainerClient(ResidencyContainers.Quarantine).GetBlobsAsync(new GetBlobsOptions { Prefix = day }))
            {
                Assert.True(quarantined.Add(long.Parse(blob.Name.Split('/')[4], CultureInfo.InvariantCulture)), blob.Name);
            }

            Assert.Equal(outcome.Events.Where(e => e.Disposition == EventDisposition.Quarantined).Select(e => e.SequenceNumber).Order(), quarantined.Order());
            var report = await new AuditVerifier(client).VerifyAsync([partition]);
            Assert.True(report.IsClean, string.Join("; ", report.Problems.Select(p => p.Detail)));
            Assert.Equal((1, generated.Count), (report.Commits, (int)report.SequenceNumbers));
            Assert.Equal(outcome.Events.Count(e => e.Disposition == EventDisposition.Stored), report.Stored);
        }
    }

    [Fact]
    public async Task The_commit_record_counts_levels_and_outcomes_and_a_replay_commits_nothing()
    {
        var pipeline = await PipelineAsync();
        var random = new Random(99);
        var partition = "audit-" + Guid.NewGuid().ToString("N")[..10];
        var batch = new IngestBatch(partition,
        [
            new IngestEvent(Sample("account", random), 1),
            new IngestEvent(Sample("telemetry", random), 2),
            new IngestEvent(File.ReadAllBytes(Path.Combine(Samples, "invalid", "invalid-json.json")), 3),
        ]);

        var outcome = await pipeline.ProcessBatchAsync(batch);
        var replay = await pipeline.ProcessBatchAsync(batch);

        var client = azurite.CreateClient();
        // No enqueued time (never from the host): the epoch's China day names the batch.
        var name = BlobLayout.CommitName(new DateOnly(1970, 1, 1), partition, 1, 3);
        var stored = await client.GetBlobContainerClient(ResidencyContainers.Audit).GetBlobClient(name).DownloadContentAsync();
        using var document = JsonDocument.Parse(stored.Value.Content.ToMemory());
        var counts = document.RootElement.GetProperty("counts");
        Assert.Equal(2, counts.GetProperty("stored").GetInt32());
        Assert.Equal(1, counts.GetProperty("quarantined").GetInt32());
        Assert.Equal(1, counts.GetProperty("reasons").GetProperty("invalid-json").GetInt32());
        foreach (var (level, count) in outcome.CountsByLevel)
        {
            Assert.Equal(count, counts.GetProperty("lines").GetProperty(level).GetInt32());
        }

        Assert.Equal(ClassificationPolicy.Default.Sha256, document.RootElement.GetProperty("policy").GetString());

        // The persons the account upload names, sketched per kind; the record holds sketches, never the identifiers.
        Assert.Equal(["account", "bank-card", "email", "passport", "phone", "resident-id"],
            document.RootElement.GetProperty("subjects").EnumerateObject().Select(p => p.Name));
        var text = stored.Value.Content.ToString();
        Assert.DoesNotContain("13800138000", text, StringComparison.Ordinal);
        Assert.DoesNotContain("11010519491231002X", text, StringComparison.Ordinal);
        Assert.All(replay.Events, e => Assert.Equal(EventDisposition.AlreadyCommitted, e.Disposition));
        Assert.Equal(0, replay.StorageRequests);
        var commits = new List<string>();
        await foreach (var blob in client.GetBlobContainerClient(ResidencyContainers.Audit).GetBlobsAsync(new GetBlobsOptions { Prefix = BlobLayout.CommitPrefix(new DateOnly(1970, 1, 1), partition) }))
        {
            commits.Add(blob.Name);
        }

        Assert.Equal([name], commits);
    }

    [Fact]
    public async Task Outcome_reports_the_storage_requests_of_the_batch()
    {
        var pipeline = await PipelineAsync();
        var random = new Random(7);
        var partition = "cost-" + Guid.NewGuid().ToString("N")[..10];
        await pipeline.ProcessBatchAsync(new IngestBatch(partition, [new IngestEvent(Sample("trip", random), 0)]));

        var outcome = await pipeline.ProcessBatchAsync(new IngestBatch(partition,
            Enumerable.Range(1, 50).Select(i => new IngestEvent(Sample("telemetry", random), i)).ToList()));

        // Samples share one VIN: the marker exists already, so the batch costs its level blobs plus three.
        Assert.Equal(outcome.CountsByLevel.Count + 3, outcome.StorageRequests);
    }

    [Fact]
    public async Task Unreachable_storage_is_a_distinct_failure_not_a_quarantine()
    {
        var closedPort = Residency.Development.FreePort.Next();

        var connection = azurite.ConnectionString.Replace($"127.0.0.1:{azurite.BlobEndpoint.Port}", $"127.0.0.1:{closedPort}", StringComparison.Ordinal);
        var client = ResidencyBlobClients.FromConnectionString(connection, new StorageClientSettings { IsDevelopment = true, MaxRetries = 0 });
        var store = new ResidencyStore(client, StorageClientSettings.Development);
        var pipeline = new IngestPipeline(ClassificationPolicy.Default, PseudonymizationKey.Development, store);

        await Assert.ThrowsAsync<StorageUnavailableException>(() =>
            pipeline.ProcessBatchAsync(new IngestBatch("0", [new IngestEvent(Sample("trip", new Random(1)), 1), new IngestEvent(new byte[] { 1, 2 }, 2)])));
    }

    [Fact]
    public async Task A_batch_our_own_code_cannot_store_is_an_error_not_a_quarantine()
    {
        // The envelope reader refuses such a partition id; reaching the store with it is a bug of ours.
        var pipeline = await PipelineAsync();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            pipeline.ProcessBatchAsync(new IngestBatch("../x", [new IngestEvent(Sample("trip", new Random(1)), 1)])));
    }
}
