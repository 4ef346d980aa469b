using System.Runtime.ExceptionServices;
using Residency.Classification;
using Residency.Ingest.Decoding;
using Residency.Ingest.Frames;
using Residency.Ingest.Telemetry;
using Residency.Storage;
using Residency.Storage.Batches;
using Residency.Storage.Clients;

namespace Residency.Ingest;

/// <summary>
/// Processes one batch of events: decode and classify each event above the partition's committed head, then commit
/// them all at once (one blob per level, quarantine entries for bad events, the commit record). Every event gets
/// exactly one outcome. Bad input is quarantined; our own failures (a classifier bug, a storage outage) escape as
/// exceptions, so the batch answers 500 and is delivered again instead of being blamed on the device.
/// </summary>
public sealed class IngestPipeline
{
    private readonly ClassificationPolicy _policy;
    private readonly UploadClassifier _classifier;
    private readonly ResidencyStore _store;
    private readonly EventDecoder _decoder;
    private readonly FrameStage _frames;
    private readonly IngestPipelineOptions _options;
    private readonly string? _geofenceRuleId;
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
        _geofenceRuleId = policy.Rules.FirstOrDefault(r => r.Detector == "geofence")?.Id;
        _store = store;
        _decoder = new EventDecoder(_options.Decoder);
        _frames = new FrameStage(policy, policy.FrameArrays.Count == 0 ? null : _options.FrameDeidentifier ?? SharedFrameDeidentifier.Instance, _options.Frames);
    }

    /// <summary>The SHA-256 stamp of the policy every event is classified with.</summary>
    public string PolicySha256 => _policy.Sha256;

    /// <summary>Completes when the frame models this pipeline uses are compiled (they compile in the background, and the
    /// first frame waits for them); faults when they cannot be.</summary>
    public Task FrameModelsCompiled => _frames.ModelsCompiled;

    /// <summary>
    /// Stores or quarantines every event of the batch not committed before, exactly once. Idempotent: a redelivered
    /// batch changes nothing. Throws <see cref="StorageUnavailableException"/> when storage cannot be reached after
    /// retries, and any other exception for a bug of ours.
    /// </summary>
    public async Task<IngestOutcome> ProcessBatchAsync(IngestBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var requests = StorageRequestCounter.BeginScope();
        // The budget runs on the options' clock: a test can decide when it is spent.
        using var timer = new CancellationTokenSource(_options.StorageBudget, _options.Time);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            // The core gets the only reference: it lets the event bodies go once they are classified.
            var handed = batch;
            batch = null!;
            return await ProcessCoreAsync(handed, requests, budget.Token, cancellationToken);
        }
        catch (OperationCanceledException e) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            ForgetContainers();
            throw new StorageUnavailableException(
                $"Blob storage did not finish the batch within its budget of {_options.StorageBudget.TotalSeconds:F0} s.", e);
        }
        catch (StorageUnavailableException)
        {
            // A container may have gone missing: check them again before the next batch.
            ForgetContainers();
            throw;
        }
    }

    // Storage work runs under the budget's token; decoding and classification only under the caller's.
    private async Task<IngestOutcome> ProcessCoreAsync(
        IngestBatch batch, StorageRequestCounter.Scope requests, CancellationToken storageToken, CancellationToken cancellationToken)
    {
        var partitionId = batch.PartitionId;
        var sequenceNumbers = batch.Events.Select(e => e.SequenceNumber).ToArray();
        await EnsureContainersAsync(storageToken);
        var committedThrough = await _store.GetCommittedThroughAsync(partitionId, storageToken);

        // The batch's fragments are read only while its level blobs are built, inside the commit: pooled memory for
        // them goes back when this method ends, whichever way (every task that reads them has finished by then).
        using var arena = new FragmentArena();
        var prepared = Prepare(
            batch.Events.Where(e => e.SequenceNumber > committedThrough).DistinctBy(e => e.SequenceNumber).ToList(), arena, cancellationToken);

        // Classified events no longer need their bodies (quarantined ones keep theirs in the prepared event).
        batch = null!;
        IReadOnlySet<long> committedNow;
        using (IngestSpans.StartChild(TelemetryNames.CommitSpan))
        {
            committedNow = prepared.Length == 0
                ? new HashSet<long>()
                : (await _store.CommitBatchAsync(
                    new PreparedBatch(partitionId, _policy.Sha256, prepared.Select(p => p.Event).ToList()),
                    storageToken)).CommittedNow;
        }

        var bySequence = prepared.ToDictionary(p => p.Event.SequenceNumber);
        var outcomes = sequenceNumbers.Select(sequence => committedNow.Contains(sequence)
            ? bySequence[sequence].Outcome
            : new EventOutcome(sequence, EventDisposition.AlreadyCommitted, null, [])).ToList();
        var outcome = new IngestOutcome(partitionId, outcomes, requests.Count);
        IngestMetrics.RecordBatch(outcome, prepared.Select(p => p.Event).Where(e => committedNow.Contains(e.SequenceNumber)), _options.Time.GetUtcNow());
        return outcome;
    }

    private void ForgetContainers()
    {
        lock (_containersGate)
        {
            _containers = null;
        }
    }

    /// <summary>
    /// Quarantines a whole invocation request that is not the host's envelope, so its events are kept (as raw bytes)
    /// and the partition is not held until Event Hubs retention drops them. The entry is named by the request's
    /// SHA-256, so a redelivered request finds it already written. Returns the quarantine blob name.
    /// Throws <see cref="StorageUnavailableException"/> when storage cannot be reached after retries.
    /// </summary>
    public async Task<string> QuarantineUnreadableInvocationAsync(
        ReadOnlyMemory<byte> request, string detail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(detail);
        await EnsureContainersAsync(cancellationToken);
        var entry = await _store.QuarantineInvocationAsync(
            UnreadableInvocation.PartitionId, request, IngestReasons.InvalidEnvelope, detail, cancellationToken);
        IngestMetrics.RecordQuarantine(UnreadableInvocation.PartitionId, IngestReasons.InvalidEnvelope);
        return entry;
    }

    /// <summary>
    /// Keeps a request too large to read (over the handler's request limit) by streaming it into one quarantine blob,
    /// so nothing the host sent is lost and the partition moves on. Returns the blob name.
    /// </summary>
    public async Task<string> QuarantineOversizedInvocationAsync(Stream request, string detail, CancellationToken cancellationToken = default)
    {
        await EnsureContainersAsync(cancellationToken);
        var entry = await _store.QuarantineStreamAsync(
            UnreadableInvocation.PartitionId, request, IngestReasons.RequestTooLarge, detail, cancellationToken);
        IngestMetrics.RecordQuarantine(UnreadableInvocation.PartitionId, IngestReasons.RequestTooLarge);
        return entry;
    }

    // Decoding and classification are CPU work: spread them over the cores, keeping input order.
    private (PreparedEvent Event, EventOutcome Outcome)[] Prepare(List<IngestEvent> events, FragmentArena arena, CancellationToken cancellationToken)
    {
        var prepared = new (PreparedEvent, EventOutcome)[events.Count];
        var frameBudget = _frames.NewBudget();
        try
        {
            Parallel.For(0, events.Count,
                new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency, CancellationToken = cancellationToken },
                i => prepared[i] = PrepareEvent(events[i], frameBudget, arena));
        }
        catch (AggregateException e)
        {
            // A bug of ours surfaces as itself, not wrapped.
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }

        return prepared;
    }

    private (PreparedEvent, EventOutcome) PrepareEvent(IngestEvent e, FrameBudget frameBudget, FragmentArena arena)
    {
        if (e.TransportError is { } transportError)
        {
            return Quarantine(e, transportError, "The body could not be read from the host's envelope.");
        }

        DecodeResult decoded;
        using (IngestSpans.StartChild(TelemetryNames.DecodeSpan))
        {
            decoded = _decoder.Decode(e.Body, e.Properties);
        }

        if (!decoded.Succeeded)
        {
            return Quarantine(e, decoded.ReasonCode!, decoded.Detail!);
        }

        // Camera frames are de-identified before classification, so the level follows what the server found in them.
        var staged = _frames.Apply(decoded.Utf8, frameBudget);
        if (staged.Refused)
        {
            return Quarantine(e, staged.ReasonCode!, staged.Detail!);
        }

        ClassifiedUpload upload;
        var classifying = System.Diagnostics.Stopwatch.GetTimestamp();
        using (IngestSpans.StartChild(TelemetryNames.ClassifySpan))
        {
            try
            {
                upload = _classifier.Classify(staged.Utf8.Span, arena);
                IngestMetrics.RecordClassification(classifying, classified: true);
            }
            catch (UploadRejectedException ex)
            {
                IngestMetrics.RecordClassification(classifying, classified: false);
                return Quarantine(e, ex.ReasonCode, ex.Message);
            }
        }

        var fragments = upload.Fragments.Select(f => new FragmentToStore(DataLevels.ToName(f.Level), f.Json)).ToList();
        return (PreparedEvent.Stored(e.SequenceNumber, e.EnqueuedTimeUtc, e.Offset, upload.VehicleKey, fragments, LedgerFacts.From(upload, _geofenceRuleId)),
            new EventOutcome(e.SequenceNumber, EventDisposition.Stored, null, fragments.Select(f => f.Level).ToArray()));
    }

    private static (PreparedEvent, EventOutcome) Quarantine(IngestEvent e, string reasonCode, string detail)
    {
        // A reason code shapes a blob name: anything unexpected is recorded under a fixed one.
        if (!BlobLayout.IsValidReasonCode(reasonCode))
        {
            reasonCode = IngestReasons.InvalidUpload;
        }

        return (PreparedEvent.Quarantined(e.SequenceNumber, e.EnqueuedTimeUtc, e.Offset, new QuarantineItem(e.Body, reasonCode, detail)),
            new EventOutcome(e.SequenceNumber, EventDisposition.Quarantined, reasonCode, []));
    }

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
