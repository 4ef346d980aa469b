using System.Runtime.ExceptionServices;
using Azure;
using Residency.Classification;
using Residency.Ingest.Decoding;
using Residency.Ingest.FunctionsHost;
using Residency.Storage;

namespace Residency.Ingest;

/// <summary>
/// Processes one batch of events: decode, classify and store each one, quarantine every event that cannot be
/// stored, then write the batch's audit-ledger entry. Every event gets exactly one outcome; the only failure
/// that escapes is <see cref="StorageUnavailableException"/>, which means the whole batch must be delivered again.
/// </summary>
public sealed class IngestPipeline
{
    private readonly ClassificationPolicy _policy;
    private readonly UploadClassifier _classifier;
    private readonly ResidencyStore _store;
    private readonly EventDecoder _decoder;
    private readonly IngestPipelineOptions _options;
    private readonly Lock _containersGate = new();
    private Task? _containers;

    /// <summary>Creates the pipeline; one instance serves concurrent batches.</summary>
    public IngestPipeline(ClassificationPolicy policy, PseudonymizationKey key, ResidencyStore store, IngestPipelineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(store);
        _options = options ?? new IngestPipelineOptions();
        _policy = policy;
        _classifier = new UploadClassifier(policy, key, _options.Classifier);
        _store = store;
        _decoder = new EventDecoder(_options.Decoder);
    }

    /// <summary>The SHA-256 stamp of the policy every event is classified with.</summary>
    public string PolicySha256 => _policy.Sha256;

    /// <summary>
    /// Stores or quarantines every event of the batch and writes its audit entry. Idempotent: a redelivered batch
    /// changes nothing. Throws <see cref="StorageUnavailableException"/> when storage cannot be reached after retries.
    /// </summary>
    public async Task<IngestOutcome> ProcessBatchAsync(IngestBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        try
        {
            return await ProcessCoreAsync(batch, cancellationToken);
        }
        catch (StorageUnavailableException)
        {
            // A container may have gone missing: check them again before the next batch.
            lock (_containersGate)
            {
                _containers = null;
            }

            throw;
        }
    }

    /// <summary>
    /// Quarantines a whole invocation request that is not the host's envelope, so its events are kept (as raw bytes)
    /// and the partition is not held until Event Hubs retention drops them. The entry's name is derived from the
    /// request's SHA-256, so a redelivered request finds it already written. Returns the quarantine blob name.
    /// Throws <see cref="StorageUnavailableException"/> when storage cannot be reached after retries.
    /// </summary>
    public async Task<string> QuarantineUnreadableInvocationAsync(
        ReadOnlyMemory<byte> request, string detail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(detail);
        await EnsureContainersAsync(cancellationToken);
        var source = UnreadableInvocation.SourceFor(request.Span);
        await _store.QuarantineAsync(new QuarantineItem(request, IngestReasons.InvalidEnvelope, detail, source), cancellationToken);
        return BlobLayout.QuarantineName(source, IngestReasons.InvalidEnvelope);
    }

    private async Task<IngestOutcome> ProcessCoreAsync(IngestBatch batch, CancellationToken cancellationToken)
    {
        await EnsureContainersAsync(cancellationToken);

        var results = new EventOutcome[batch.Events.Count];
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = Math.Max(1, _options.MaxConcurrency),
            CancellationToken = cancellationToken,
        };
        var loop = Parallel.ForEachAsync(Enumerable.Range(0, results.Length), parallel, async (index, token) =>
            results[index] = await ProcessEventAsync(batch.PartitionId, batch.Events[index], token));
        try
        {
            await loop;
        }
        catch (Exception) when (loop.Exception?.InnerExceptions.OfType<StorageUnavailableException>().FirstOrDefault() is { } unavailable)
        {
            // Report the storage failure rather than the cancellations it caused in sibling events.
            ExceptionDispatchInfo.Capture(unavailable).Throw();
            throw;
        }

        var outcome = new IngestOutcome(batch.PartitionId, results);
        if (results.Length > 0)
        {
            await _store.WriteAuditAsync(AuditEntry.For(outcome, _policy.Sha256), cancellationToken);
        }

        return outcome;
    }

    private async Task<EventOutcome> ProcessEventAsync(string partitionId, IngestEvent e, CancellationToken cancellationToken)
    {
        var source = new SourcePosition(partitionId, e.SequenceNumber, e.Offset, e.EnqueuedTimeUtc);
        if (e.TransportError is { } transportError)
        {
            return await QuarantineAsync(e, transportError, "The body could not be read from the host's envelope.", source, cancellationToken);
        }

        var decoded = _decoder.Decode(e.Body, e.Properties);
        if (!decoded.Succeeded)
        {
            return await QuarantineAsync(e, decoded.ReasonCode!, decoded.Detail!, source, cancellationToken);
        }

        ClassifiedUpload upload;
        try
        {
            upload = _classifier.Classify(decoded.Utf8.Span);
        }
        catch (UploadRejectedException ex)
        {
            return await QuarantineAsync(e, ex.ReasonCode, ex.Message, source, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Only the exception type: an unexpected message could quote content.
            return await QuarantineAsync(e, IngestReasons.ClassifierError,
                $"The classifier failed with {ex.GetType().Name}.", source, cancellationToken);
        }

        var fragments = upload.Fragments
            .Select(f => new FragmentToStore(DataLevels.ToName(f.Level), f.Category, f.Json))
            .ToList();
        UploadStoreResult result;
        try
        {
            result = await _store.StoreUploadAsync(
                new UploadToStore(upload.MessageId, upload.VehicleKey, upload.CapturedAt, upload.Schema,
                    upload.PolicySha256, fragments, source),
                cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is >= 400 and < 500 and not 408 and not 429)
        {
            return await QuarantineAsync(e, IngestReasons.StoreRejected,
                $"Storage refused the fragments with HTTP {ex.Status} {ex.ErrorCode}.", source, cancellationToken);
        }
        catch (ArgumentException ex)
        {
            return await QuarantineAsync(e, IngestReasons.StoreRejected,
                $"Storage refused the upload ({ex.ParamName ?? ex.GetType().Name}).", source, cancellationToken);
        }

        return result.Status switch
        {
            UploadStoreStatus.Stored => new EventOutcome(e.SequenceNumber, EventDisposition.Stored, null, LevelsOf(fragments)),
            UploadStoreStatus.AlreadyStored => new EventOutcome(e.SequenceNumber, EventDisposition.AlreadyStored, null, LevelsOf(fragments)),
            _ => new EventOutcome(e.SequenceNumber, EventDisposition.Conflict, null, []),
        };
    }

    private async Task<EventOutcome> QuarantineAsync(
        IngestEvent e, string reasonCode, string detail, SourcePosition source, CancellationToken cancellationToken)
    {
        // A reason code shapes a blob name: anything unexpected is recorded under a fixed one.
        if (!BlobLayout.IsValidReasonCode(reasonCode))
        {
            reasonCode = IngestReasons.InvalidUpload;
        }

        await _store.QuarantineAsync(new QuarantineItem(e.Body, reasonCode, detail, source), cancellationToken);
        return new EventOutcome(e.SequenceNumber, EventDisposition.Quarantined, reasonCode, []);
    }

    private static string[] LevelsOf(List<FragmentToStore> fragments) =>
        fragments.Select(f => f.Level).Order(StringComparer.Ordinal).ToArray();

    // Containers are created once per process; a failed attempt is retried by the next batch.
    private Task EnsureContainersAsync(CancellationToken cancellationToken)
    {
        Task task;
        lock (_containersGate)
        {
            if (_containers is null || _containers.IsFaulted || _containers.IsCanceled)
            {
                _containers = _store.EnsureContainersAsync(CancellationToken.None);
            }

            task = _containers;
        }

        return task.WaitAsync(cancellationToken);
    }
}
