using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Residency.Storage.Batches;
using Residency.Storage.Clients;

namespace Residency.Storage;

/// <summary>
/// The residency account as the ingest pipeline sees it (docs/storage.md): batches committed exactly once per
/// sequence number as one gzip NDJSON blob per level, quarantine entries, commit records, partition heads and the
/// vehicle index. Thread-safe; one per process. It logs nothing, and its exception messages name containers and
/// operations only, never blob names, content or tag values.
/// </summary>
public sealed class ResidencyStore
{
    private readonly StorageCalls _calls;
    private readonly BatchCommitter _committer;
    private readonly bool _createsContainers;

    /// <summary>
    /// Creates the store on the account's client and the settings it was built with (their region and environment);
    /// throws <see cref="ResidencyViolationException"/> when the endpoint or region is not allowed.
    /// </summary>
    /// <param name="service">The account's client.</param>
    /// <param name="settings">The settings the client was built with.</param>
    /// <param name="maxConcurrency">The most blob requests in flight at once across all callers of this store.</param>
    public ResidencyStore(BlobServiceClient service, StorageClientSettings settings, int maxConcurrency = 8)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        RegionGuard.EnsureAllowed(service.Uri, settings.Region, settings.IsDevelopment);
        Service = service;
        Region = settings.NormalizedRegion;
        _calls = new StorageCalls(maxConcurrency);
        _committer = new BatchCommitter(service, _calls, Region);
        _createsContainers = settings.IsDevelopment;
    }

    /// <summary>The account's client.</summary>
    public BlobServiceClient Service { get; }

    /// <summary>The region written into tags and records.</summary>
    public string Region { get; }

    /// <summary>
    /// In development, creates the seven residency containers that do not exist yet (private, no public access). In
    /// Azure it does nothing: infra/ creates the containers, and ingest's roles hold no right to create one
    /// (docs/security.md).
    /// </summary>
    public async Task EnsureContainersAsync(CancellationToken cancellationToken = default)
    {
        if (!_createsContainers)
        {
            return;
        }

        foreach (var name in ResidencyContainers.All)
        {
            await _calls.RunAsync("create container", name,
                ct => Service.GetBlobContainerClient(name).CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: ct),
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The partition's highest committed sequence number (-1 when none); cached, so usually free.</summary>
    public Task<long> GetCommittedThroughAsync(string partitionId, CancellationToken cancellationToken = default)
    {
        BlobLayout.EnsurePartitionId(partitionId);
        return _committer.GetCommittedThroughAsync(partitionId, cancellationToken);
    }

    /// <summary>
    /// Stores or quarantines every event above the partition's head exactly once and advances the head; events at or
    /// below it were committed before and are left alone. Throws <see cref="ArgumentException"/> for inputs that would
    /// shape a name or tag badly (a bug upstream) and <see cref="StorageUnavailableException"/> when storage cannot be
    /// reached after retries.
    /// </summary>
    public Task<BatchCommitResult> CommitBatchAsync(PreparedBatch batch, CancellationToken cancellationToken = default) =>
        _committer.CommitAsync(batch, cancellationToken);

    /// <summary>
    /// Seals, in every partition, each day before <paramref name="today"/> (China Standard Time) not sealed yet, a day
    /// without traffic included, and writes the summaries: the daily timer's work. Returns the days sealed.
    /// </summary>
    public async Task<int> CloseDaysAsync(DateOnly today, CancellationToken cancellationToken = default)
    {
        var index = Service.GetBlobContainerClient(ResidencyContainers.Index);
        var partitions = new List<string>();
        await foreach (var item in _calls.ListAsync(index, BlobLayout.HeadsRoot, BlobTraits.None, cancellationToken).ConfigureAwait(false))
        {
            if (BlobLayout.TryParseHeadName(item.Name, out var partitionId))
            {
                partitions.Add(partitionId);
            }
        }

        var sealedDays = await Task.WhenAll(partitions.Select(p => _committer.SealDaysBeforeAsync(p, today, cancellationToken))).ConfigureAwait(false);
        return sealedDays.Sum();
    }

    /// <summary>Seals each day before <paramref name="today"/> of one partition not sealed yet; returns the days sealed.</summary>
    public Task<int> SealDaysAsync(string partitionId, DateOnly today, CancellationToken cancellationToken = default)
    {
        BlobLayout.EnsurePartitionId(partitionId);
        return _committer.SealDaysBeforeAsync(partitionId, today, cancellationToken);
    }

    /// <summary>
    /// Keeps a whole invocation request that was not the host's envelope, named by its SHA-256 under a pseudo
    /// partition, so a redelivered request finds its entry. Returns the entry's name.
    /// </summary>
    public async Task<string> QuarantineInvocationAsync(
        string pseudoPartitionId, ReadOnlyMemory<byte> request, string reasonCode, string detail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(detail);
        var pseudoSequence = BlobLayout.RequestHash(request.Span);
        var name = BlobLayout.InvocationQuarantineName(pseudoPartitionId, request.Span, reasonCode);
        var content = QuarantineDocument.Write(new QuarantineItem(request, reasonCode, detail), pseudoPartitionId, pseudoSequence, null, null);
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            Metadata = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [LevelBlobMetadata.Sha256] = QuarantineDocument.Sha256Hex(content),
                ["rawsha256"] = QuarantineDocument.Sha256Hex(request.Span),
            },
            Tags = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["level"] = "important",
                ["category"] = "quarantine",
                ["reason"] = reasonCode,
                ["partition"] = pseudoPartitionId,
                ["region"] = Region,
            },
        };
        var blob = Service.GetBlobContainerClient(ResidencyContainers.Quarantine).GetBlobClient(name);
        try
        {
            await _calls.RunAsync("quarantine invocation", ResidencyContainers.Quarantine,
                ct => blob.UploadAsync(BinaryData.FromBytes(content), options, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // The same request was quarantined before (a redelivery): its raw bytes are kept already.
        }

        return name;
    }

    /// <summary>
    /// Keeps a request too large to read into memory: its bytes are streamed into one quarantine blob as they arrive
    /// (never held whole), named by the time received. <paramref name="detail"/> is ASCII and holds no value from the
    /// request. Returns the entry's name.
    /// </summary>
    public async Task<string> QuarantineStreamAsync(
        string pseudoPartitionId, Stream request, string reasonCode, string detail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(detail);
        var name = BlobLayout.StreamedQuarantineName(pseudoPartitionId, DateTimeOffset.UtcNow, reasonCode);
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/octet-stream" },
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            Metadata = new Dictionary<string, string>(StringComparer.Ordinal) { ["reason"] = reasonCode, ["detail"] = detail },
            Tags = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["level"] = "important",
                ["category"] = "quarantine",
                ["reason"] = reasonCode,
                ["partition"] = pseudoPartitionId,
                ["region"] = Region,
            },
            TransferOptions = new Azure.Storage.StorageTransferOptions { MaximumTransferSize = 8 * 1024 * 1024, MaximumConcurrency = 1 },
        };
        var blob = Service.GetBlobContainerClient(ResidencyContainers.Quarantine).GetBlobClient(name);
        await _calls.RunAsync("quarantine invocation", ResidencyContainers.Quarantine,
            ct => blob.UploadAsync(request, options, ct), cancellationToken).ConfigureAwait(false);
        return name;
    }
}
