using System.Globalization;
using Azure;
using Azure.Identity;

namespace Residency.Storage;

/// <summary>
/// Writes classified uploads, quarantine entries and audit records to the residency containers (design.md section 5):
/// create-only writes, SHA-256 comparison on conflicts, nothing ever overwritten, bounded concurrency across callers.
/// Thread-safe. It logs nothing, and its exception messages name containers and operations only, never blob names,
/// content or tag values.
/// </summary>
// The gate is a SemaphoreSlim whose wait handle is never created, so there is nothing to dispose.
#pragma warning disable CA1001
public sealed class ResidencyStore
#pragma warning restore CA1001
{
    private const string ConflictReason = "conflicting-rewrite";
    private const string JsonContentType = "application/json";

    private readonly BlobRestClient _client;
    private readonly SemaphoreSlim _gate;
    private readonly string _region;

    /// <summary>Creates the store; throws <see cref="ResidencyViolationException"/> when the endpoint or region is not allowed (see <see cref="RegionGuard"/>).</summary>
    public ResidencyStore(BlobRestClient client, ResidencyStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        options ??= new ResidencyStoreOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConcurrency, 1, nameof(options));
        RegionGuard.EnsureAllowed(client.AccountEndpoint, options.Region, options.IsDevelopment);
        _client = client;
        _region = options.Region.Trim().ToLowerInvariant();
        _gate = new SemaphoreSlim(options.MaxConcurrency, options.MaxConcurrency);
    }

    /// <summary>Creates the six residency containers that do not exist yet.</summary>
    public async Task EnsureContainersAsync(CancellationToken cancellationToken = default)
    {
        foreach (var container in ResidencyContainers.All)
        {
            await CallAsync("create container", container,
                ct => _client.CreateContainerIfNotExistsAsync(container, ct), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Writes every fragment to its level's container, create-only. A fragment already stored with the same SHA-256
    /// counts as done; different content is recorded in quarantine (<c>conflicting-rewrite</c>) and the original kept.
    /// Throws <see cref="ArgumentException"/> for inputs that would shape a path or tag badly, and
    /// <see cref="StorageUnavailableException"/> when storage cannot be reached after retries.
    /// </summary>
    public async Task<UploadStoreResult> StoreUploadAsync(UploadToStore upload, CancellationToken cancellationToken = default)
    {
        ResidencyInputs.Validate(upload);
        var outcomes = await Task.WhenAll(
            upload.Fragments.Select(fragment => StoreFragmentAsync(upload, fragment, cancellationToken))).ConfigureAwait(false);
        var status = outcomes.Contains(UploadStoreStatus.Conflict) ? UploadStoreStatus.Conflict
            : outcomes.Contains(UploadStoreStatus.Stored) ? UploadStoreStatus.Stored
            : UploadStoreStatus.AlreadyStored;
        return new UploadStoreResult(status);
    }

    /// <summary>
    /// Keeps an event that could not be stored: raw bytes, reason, detail and source position, tagged <c>level=important</c>.
    /// Idempotent per source position and reason.
    /// </summary>
    public Task QuarantineAsync(QuarantineItem item, CancellationToken cancellationToken = default)
    {
        ResidencyInputs.Validate(item);
        return QuarantineCoreAsync(item, qualifier: null, cancellationToken);
    }

    /// <summary>Writes the ledger entry of one batch; a redelivered batch finds its identical entry and changes nothing.</summary>
    public async Task WriteAuditAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        ResidencyInputs.Validate(record);
        var name = BlobLayout.AuditName(record.PartitionId, record.FirstSequenceNumber, record.LastSequenceNumber);
        var content = ResidencyDocuments.Audit(record, _region);
        var sha = ResidencyDocuments.Sha256Hex(content);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["category"] = "audit",
            ["partition"] = record.PartitionId,
            ["first"] = record.FirstSequenceNumber.ToString("D20", CultureInfo.InvariantCulture),
            ["last"] = record.LastSequenceNumber.ToString("D20", CultureInfo.InvariantCulture),
            ["policy"] = record.PolicySha256,
            ["region"] = _region,
        };
        await WriteOnceKeepingBothAsync(ResidencyContainers.Audit, name, content, sha, tags, Metadata(sha, null), cancellationToken)
            .ConfigureAwait(false);
    }

    private async Task<UploadStoreStatus> StoreFragmentAsync(UploadToStore upload, FragmentToStore fragment, CancellationToken cancellationToken)
    {
        var container = ResidencyContainers.ForLevel(fragment.Level);
        var name = BlobLayout.FragmentName(upload.CapturedAt, upload.VehicleKey, upload.MessageId);
        var sha = ResidencyDocuments.Sha256Hex(fragment.Content.Span);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["level"] = fragment.Level,
            ["category"] = fragment.Category,
            ["vehicle"] = upload.VehicleKey,
            ["policy"] = upload.PolicySha256,
            ["region"] = _region,
            ["schema"] = upload.Schema,
            ["captured"] = ResidencyDocuments.Timestamp(upload.CapturedAt),
            ["message"] = upload.MessageId,
        };
        if (await TryCreateAsync(container, name, fragment.Content, tags, Metadata(sha, upload.Source), cancellationToken).ConfigureAwait(false))
        {
            return UploadStoreStatus.Stored;
        }

        var storedSha = await StoredSha256Async(container, name, cancellationToken).ConfigureAwait(false);
        if (string.Equals(storedSha, sha, StringComparison.Ordinal))
        {
            return UploadStoreStatus.AlreadyStored;
        }

        var detail = $"A different {fragment.Level} fragment is already stored at {container}/{name} " +
                     $"(stored SHA-256 {storedSha ?? "unknown"}, this SHA-256 {sha}); the stored blob was kept.";
        await QuarantineCoreAsync(
            new QuarantineItem(fragment.Content, ConflictReason, detail, upload.Source) { VehicleKey = upload.VehicleKey },
            qualifier: fragment.Level,
            cancellationToken).ConfigureAwait(false);
        return UploadStoreStatus.Conflict;
    }

    private async Task QuarantineCoreAsync(QuarantineItem item, string? qualifier, CancellationToken cancellationToken)
    {
        var name = BlobLayout.QuarantineName(item.Source, item.ReasonCode, qualifier);
        var content = ResidencyDocuments.Quarantine(item);
        var sha = ResidencyDocuments.Sha256Hex(content);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["level"] = "important",
            ["category"] = "quarantine",
            ["reason"] = item.ReasonCode,
            ["partition"] = item.Source.PartitionId,
            ["sequence"] = item.Source.SequenceNumber.ToString("D20", CultureInfo.InvariantCulture),
            ["region"] = _region,
        };
        if (item.Source.EnqueuedTimeUtc is { } enqueued)
        {
            tags["enqueued"] = ResidencyDocuments.Timestamp(enqueued);
        }

        if (item.VehicleKey is not null)
        {
            tags["vehicle"] = item.VehicleKey;
        }

        var metadata = Metadata(sha, item.Source);
        metadata["rawsha256"] = ResidencyDocuments.Sha256Hex(item.RawBytes.Span);
        await WriteOnceKeepingBothAsync(ResidencyContainers.Quarantine, name, content, sha, tags, metadata, cancellationToken)
            .ConfigureAwait(false);
    }

    // Create-only; when the name holds different content, keep both: the second goes beside the first, named by its hash.
    private async Task WriteOnceKeepingBothAsync(
        string container, string name, ReadOnlyMemory<byte> content, string sha,
        Dictionary<string, string> tags, Dictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        if (await TryCreateAsync(container, name, content, tags, metadata, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var storedSha = await StoredSha256Async(container, name, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(storedSha, sha, StringComparison.Ordinal))
        {
            // A 409 here means this very content (named by its hash) is already there.
            await TryCreateAsync(container, BlobLayout.WithVersionTag(name, sha[..16]), content, tags, metadata, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private async Task<bool> TryCreateAsync(
        string container, string name, ReadOnlyMemory<byte> content, Dictionary<string, string> tags,
        Dictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        var options = new BlobUploadOptions
        {
            ContentType = JsonContentType,
            Metadata = metadata,
            Tags = tags,
            OnlyIfNotExists = true,
        };
        try
        {
            await CallAsync("put blob", container,
                ct => _client.PutBlockBlobAsync(container, name, BinaryData.FromBytes(content), options, ct), cancellationToken)
                .ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e is { Status: 409, ErrorCode: "BlobAlreadyExists" } or { Status: 412, ErrorCode: "ConditionNotMet" })
        {
            return false;
        }
    }

    // The stored SHA-256 from metadata; a blob written by someone else without it is hashed from its content.
    private async Task<string?> StoredSha256Async(string container, string name, CancellationToken cancellationToken)
    {
        var properties = await CallAsync("get blob properties", container,
            ct => _client.GetPropertiesAsync(container, name, ct), cancellationToken).ConfigureAwait(false);
        if (properties.Value.Metadata.TryGetValue(StoreMetadata.ContentSha256, out var sha))
        {
            return sha;
        }

        var blob = await CallAsync("get blob", container,
            ct => _client.GetBlobAsync(container, name, ct), cancellationToken).ConfigureAwait(false);
        return ResidencyDocuments.Sha256Hex(blob.Value.Content.ToMemory().Span);
    }

    private static Dictionary<string, string> Metadata(string sha, SourcePosition? source)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { [StoreMetadata.ContentSha256] = sha };
        if (source is not null)
        {
            metadata[StoreMetadata.SourcePartition] = source.PartitionId;
            metadata[StoreMetadata.SourceSequence] = source.SequenceNumber.ToString(CultureInfo.InvariantCulture);
            if (source.Offset is { Length: > 0 and <= 64 } offset && offset.All(char.IsAsciiLetterOrDigit))
            {
                metadata[StoreMetadata.SourceOffset] = offset;
            }
        }

        return metadata;
    }

    // Every request holds one slot of the gate, so concurrent callers together never exceed MaxConcurrency.
    private async Task<T> CallAsync<T>(
        string operation, string container, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await call(cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (IsUnavailable(e.Status) || e.ErrorCode == "ContainerNotFound")
        {
            throw new StorageUnavailableException(
                $"Blob storage is unavailable: {operation} in container '{container}' failed with status {e.Status}" +
                $"{(e.ErrorCode is null ? string.Empty : $" ({e.ErrorCode})")} after retries.", e)
            {
                Status = e.Status,
                ErrorCode = e.ErrorCode,
            };
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StorageUnavailableException(
                $"Blob storage is unavailable: {operation} in container '{container}' timed out after retries.", e);
        }
        catch (AggregateException e) when (!cancellationToken.IsCancellationRequested)
        {
            // Azure.Core's retry policy aggregates the attempts' exceptions when every attempt threw (no answer at all).
            var last = e.InnerExceptions[^1];
            throw new StorageUnavailableException(
                $"Blob storage is unavailable: {operation} in container '{container}' failed after {e.InnerExceptions.Count} attempts " +
                $"({last.GetType().Name}).", e)
            {
                Status = last is RequestFailedException failed ? failed.Status : 0,
            };
        }
        catch (AuthenticationFailedException e)
        {
            throw new StorageUnavailableException(
                $"Blob storage is unavailable: no token for {operation} in container '{container}'.", e);
        }
        finally
        {
            _gate.Release();
        }
    }

    // No answer, throttling, server errors, a refused identity and a missing container: none is the event's fault,
    // so the batch fails and is retried once storage is back (or deployed).
    private static bool IsUnavailable(int status) => status is 0 or 401 or 403 or 408 or 429 or >= 500;
}
