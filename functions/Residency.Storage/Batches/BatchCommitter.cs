using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Residency.Storage.Clients;
using Residency.Storage.Ledger;

namespace Residency.Storage.Batches;

/// <summary>
/// Commits a batch exactly once per sequence number (docs/storage.md). Per attempt: read the head (cached); write
/// what the head holds for the audit container if nobody has (the previous batch's commit record, sealed day
/// summaries); skip events at or below the head; announce this attempt's blobs in the head (If-Match), then remove
/// the blobs of an attempt it superseded; write the level blobs, quarantine entries and new vehicle markers; advance
/// the head (If-Match) with the commit and the day ledger (a batch of a later day seals the days before it); write the
/// commit record and any sealed summary. When the head moved meanwhile, another instance got there first: remove
/// this attempt's blobs and go again with what remains. Every attempt's blobs have names of their own, so no attempt
/// ever overwrites or adopts another's.
/// </summary>
internal sealed class BatchCommitter
{
    // Two instances owning one partition for a moment take turns; a few rounds settle it, more means something is wrong.
    private const int MaxAttempts = 12;

    private readonly BlobServiceClient _service;
    private readonly StorageCalls _calls;
    private readonly PartitionHeads _heads;
    private readonly VehicleIndex _index;
    private readonly LedgerWriter _ledger;
    private readonly string _region;

    public BatchCommitter(BlobServiceClient service, StorageCalls calls, string region)
    {
        _service = service;
        _calls = calls;
        _region = region;
        var index = service.GetBlobContainerClient(ResidencyContainers.Index);
        _heads = new PartitionHeads(index, calls);
        _index = new VehicleIndex(index, calls);
        _ledger = new LedgerWriter(service, calls);
    }

    public async Task<long> GetCommittedThroughAsync(string partitionId, CancellationToken cancellationToken) =>
        (await _heads.GetAsync(partitionId, cancellationToken).ConfigureAwait(false)).CommittedThrough;

    public async Task<BatchCommitResult> CommitAsync(PreparedBatch batch, CancellationToken cancellationToken)
    {
        var events = BatchInputs.Validate(batch);
        for (var attempt = 1; ; attempt++)
        {
            var head = await _heads.GetAsync(batch.PartitionId, cancellationToken).ConfigureAwait(false);
            await _ledger.EnsureWrittenAsync(head, cancellationToken).ConfigureAwait(false);
            var remaining = events.Where(e => e.SequenceNumber > head.CommittedThrough).ToList();
            if (remaining.Count == 0)
            {
                return new BatchCommitResult(new HashSet<long>(), head.CommittedThrough, null, attempt);
            }

            // The first event's China day names the batch; without an enqueued time (never from the host) the epoch keeps names stable.
            var ledger = head.Ledger.Without(_ledger.IsWritten);
            var day = ledger.DayFor(ChinaDay.Of(remaining[0].EnqueuedTimeUtc ?? DateTimeOffset.UnixEpoch));
            var receipts = await _ledger.ReceiptsAsync(ledger.DaysSealedBefore(day), cancellationToken).ConfigureAwait(false);
            var plan = BatchPlan.Create(batch.PartitionId, batch.PolicySha256, _region, day, remaining);
            var announced = await _heads.TryReplaceAsync(head, head with { Pending = plan.Pending }, cancellationToken).ConfigureAwait(false);
            if (announced is null)
            {
                await BackOffAsync(attempt, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (head.Pending is { } superseded)
            {
                // That attempt can no longer commit (its ETag is gone): its blobs are leftovers.
                await RemoveAsync(superseded.Blobs, cancellationToken).ConfigureAwait(false);
            }

            await WriteAsync(plan, cancellationToken).ConfigureAwait(false);
            var advanced = new PartitionHead(batch.PartitionId, plan.Record.Last, plan.Record, null)
            {
                Ledger = ledger.Commit(day, head.CommittedThrough, plan.Record, plan.VehiclesByCategory, receipts),
            };
            var committed = await _heads.TryReplaceAsync(announced, advanced, cancellationToken).ConfigureAwait(false);
            if (committed is null)
            {
                await RemoveAsync(plan.Pending.Blobs, cancellationToken).ConfigureAwait(false);
                await BackOffAsync(attempt, cancellationToken).ConfigureAwait(false);
                continue;
            }

            await _ledger.EnsureWrittenAsync(committed, cancellationToken).ConfigureAwait(false);
            return new BatchCommitResult(remaining.Select(e => e.SequenceNumber).ToHashSet(), committed.CommittedThrough, plan.Record.Name, attempt);
        }
    }

    /// <summary>
    /// Seals every day before <paramref name="today"/> in the partition's ledger (a day without traffic gets an empty
    /// summary) and writes the summaries; returns how many days it sealed. Races with batches like a batch does.
    /// </summary>
    public async Task<int> SealDaysBeforeAsync(string partitionId, DateOnly today, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            // Fresh, not cached: another instance may own the partition and have moved its head.
            var head = await _heads.ReadAsync(partitionId, cancellationToken).ConfigureAwait(false);
            await _ledger.EnsureWrittenAsync(head, cancellationToken).ConfigureAwait(false);
            var ledger = head.Ledger.Without(_ledger.IsWritten);
            var days = ledger.DaysSealedBefore(today);
            if (days.Count == 0 || head.ETag is null)
            {
                return 0;
            }

            var receipts = await _ledger.ReceiptsAsync(days, cancellationToken).ConfigureAwait(false);
            var written = await _heads.TryReplaceAsync(head, head with { Ledger = ledger.SealBefore(today, partitionId, head.CommittedThrough, receipts) }, cancellationToken)
                .ConfigureAwait(false);
            if (written is not null)
            {
                await _ledger.EnsureWrittenAsync(written, cancellationToken).ConfigureAwait(false);
                return days.Count;
            }

            await BackOffAsync(attempt, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WriteAsync(BatchPlan plan, CancellationToken cancellationToken)
    {
        var date = plan.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var writes = new List<Task>();
        foreach (var (content, name) in plan.LevelBlobs)
        {
            var container = ResidencyContainers.ForLevel(content.Level);
            var tags = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["level"] = content.Level,
                ["partition"] = plan.PartitionId,
                ["first"] = D20(plan.Record.First),
                ["last"] = D20(plan.Record.Last),
                ["policy"] = plan.Record.PolicySha256,
                ["region"] = _region,
                ["date"] = date,
            };
            var options = LevelBlobUpload.Options(content, tags, new BlobRequestConditions { IfNoneMatch = ETag.All });
            writes.Add(CreateAsync(container, name, content.Gzip, options, cancellationToken));
        }

        foreach (var entry in plan.Quarantine)
        {
            var tags = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["level"] = "important",
                ["category"] = "quarantine",
                ["reason"] = entry.Reason,
                ["partition"] = plan.PartitionId,
                ["sequence"] = D20(entry.SequenceNumber),
                ["region"] = _region,
            };
            if (entry.EnqueuedTimeUtc is { } enqueued)
            {
                tags["enqueued"] = QuarantineDocument.Timestamp(enqueued);
            }

            var options = new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                Metadata = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    [LevelBlobMetadata.Sha256] = entry.Sha256,
                    ["rawsha256"] = entry.RawSha256,
                },
                Tags = tags,
            };
            writes.Add(CreateAsync(ResidencyContainers.Quarantine, entry.Name, entry.Json, options, cancellationToken));
        }

        foreach (var marker in _index.Missing(plan.VehicleKeys, plan.Date, plan.PartitionId))
        {
            writes.Add(_index.CreateAsync(marker, cancellationToken));
        }

        await Task.WhenAll(writes).ConfigureAwait(false);
    }

    // Create-only. The name is this attempt's own, so a 409 can only be a retried request whose first try landed. Ingest
    // may not read stored blobs (docs/security.md), so the blob is recognised by its index tags, which name the
    // partition, sequence range and policy; its content is proven later by `audit verify` against the commit record.
    private async Task CreateAsync(
        string containerName, string name, byte[] content, BlobUploadOptions options, CancellationToken cancellationToken)
    {
        options.Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All };
        var blob = _service.GetBlobContainerClient(containerName).GetBlobClient(name);
        try
        {
            await _calls.RunAsync("write batch blob", containerName,
                ct => blob.UploadAsync(BinaryData.FromBytes(content), options, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var stored = await _calls.RunAsync("read batch blob tags", containerName,
                ct => blob.GetTagsAsync(cancellationToken: ct), cancellationToken).ConfigureAwait(false);
            if (!SameTags(stored.Value.Tags, options.Tags))
            {
                throw new InvalidOperationException($"A blob of this write attempt in container '{containerName}' was written by another batch.");
            }
        }
    }

    private static bool SameTags(IDictionary<string, string> stored, IDictionary<string, string> written) =>
        stored.Count == written.Count && written.All(t => stored.TryGetValue(t.Key, out var value) && value == t.Value);

    private async Task RemoveAsync(IEnumerable<BlobReference> blobs, CancellationToken cancellationToken)
    {
        var removals = blobs.Select(b => _calls.RunAsync("remove uncommitted blob", b.Container,
            ct => _service.GetBlobContainerClient(b.Container).GetBlobClient(b.Name)
                .DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: ct), cancellationToken));
        await Task.WhenAll(removals).ConfigureAwait(false);
    }

    private static Task BackOffAsync(int attempt, CancellationToken cancellationToken)
    {
        if (attempt >= MaxAttempts)
        {
            throw new StorageUnavailableException(
                $"Blob storage is unavailable: the partition head kept moving during {attempt} write attempts (another instance is committing the same partition).");
        }

        // Randomized, growing pauses keep two instances from superseding each other in lock step.
        return Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(10, 40) * attempt), cancellationToken);
    }

    private static string D20(long value) => value.ToString("D20", CultureInfo.InvariantCulture);
}
