using System.Collections.Concurrent;
using System.Diagnostics;
using Residency.Cli.Simulation;
using Residency.FunctionsHost;
using Residency.Ingest;

namespace Residency.Cli.Soak;

/// <summary>
/// Drives a mixed hostile corpus through a running handler: host batches (with malformed events), replays of earlier
/// batches, envelopes no host sends, oversized requests and random bytes, from several workers at once (each owning
/// its partitions, as the host does). Every answer is checked against what that request must get.
/// </summary>
internal sealed class SoakRunner(HostInvocationClient handler, FleetGenerator generator, int oversizedBytes, Random random)
{
    private readonly ConcurrentDictionary<SoakKind, int> _requests = new();
    private readonly ConcurrentQueue<string> _problems = new();
    private long _events;
    private int _serverErrors;
    private int _sequenceNumbersWithoutOutcome;

    public IReadOnlyDictionary<SoakKind, int> Requests => _requests;

    public IReadOnlyCollection<string> Problems => _problems;

    public long Events => Interlocked.Read(ref _events);

    public int ServerErrors => _serverErrors;

    public int SequenceNumbersWithoutOutcome => _sequenceNumbersWithoutOutcome;

    /// <summary>Runs until the deadline or the request budget is used up; one worker per group of partitions.</summary>
    public async Task RunAsync(IReadOnlyList<(string PartitionId, long NextSequence)> partitions, int workers,
        TimeSpan? duration, int? maxRequests, Action<string> progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var sent = 0;
        var groups = partitions.Select((p, i) => (p, i)).GroupBy(x => x.i % workers, x => x.p).ToList();
        var lastProgress = TimeSpan.Zero;
        await Task.WhenAll(groups.Select(group => Task.Run(async () =>
        {
            var owned = group.Select(p => new PartitionState(p.PartitionId, p.NextSequence)).ToList();
            while (!cancellationToken.IsCancellationRequested
                   && (duration is not { } d || clock.Elapsed < d)
                   && (maxRequests is not { } m || Interlocked.Increment(ref sent) <= m))
            {
                await OneRequestAsync(owned[Next(owned.Count)], cancellationToken);
                if (clock.Elapsed - lastProgress > TimeSpan.FromSeconds(10))
                {
                    lastProgress = clock.Elapsed;
                    progress($"soak: {clock.Elapsed.TotalMinutes:F1} min, {_requests.Values.Sum()} requests, {Events} events, {_serverErrors} answered 500, {_problems.Count} problem(s)");
                }
            }
        }, cancellationToken)));
    }

    private async Task OneRequestAsync(PartitionState partition, CancellationToken cancellationToken)
    {
        var roll = Next(100);
        if (roll < 70 || partition.Sent.Count == 0)
        {
            List<SimulatedEvent> events;
            lock (generator)
            {
                events = generator.Take(1 + Next(400)).ToList();
            }

            var batch = HostileCorpus.Batch(partition.Id, partition.NextSequence, events);
            partition.NextSequence += events.Count;
            partition.Remember(batch);
            await CheckBatchAsync(SoakKind.Batch, batch, cancellationToken);
        }
        else if (roll < 85)
        {
            await CheckBatchAsync(SoakKind.Replay, partition.Sent[Next(partition.Sent.Count)], cancellationToken);
        }
        else if (roll < 98)
        {
            var n = _requests.GetValueOrDefault(SoakKind.InvalidEnvelope);
            await CheckWholeQuarantineAsync(SoakKind.InvalidEnvelope, HostileCorpus.InvalidEnvelope(n, random), IngestReasons.InvalidEnvelope, cancellationToken);
        }
        else
        {
            byte[] body;
            lock (random)
            {
                body = HostileCorpus.RandomBytes(random, oversizedBytes);
            }

            await CheckWholeQuarantineAsync(SoakKind.Oversized, body, IngestReasons.RequestTooLarge, cancellationToken);
        }
    }

    private async Task CheckBatchAsync(SoakKind kind, IngestBatch batch, CancellationToken cancellationToken)
    {
        _requests.AddOrUpdate(kind, 1, (_, c) => c + 1);
        var (status, result) = await PostAsync(HostInvocationWriter.Write(batch), cancellationToken);
        if (status != 200 || result.Outcome is not { } outcome)
        {
            Interlocked.Increment(ref _serverErrors);
            Interlocked.Add(ref _sequenceNumbersWithoutOutcome, batch.Events.Count);
            _problems.Enqueue($"{kind} partition {batch.PartitionId} {batch.Events[0].SequenceNumber}-{batch.Events[^1].SequenceNumber}: HTTP {status} {string.Join(" ", result.Logs)}");
            return;
        }

        Interlocked.Add(ref _events, batch.Events.Count);
        var answered = outcome.Events.Select(e => e.SequenceNumber).ToHashSet();
        var missing = batch.Events.Count(e => !answered.Contains(e.SequenceNumber));
        Interlocked.Add(ref _sequenceNumbersWithoutOutcome, missing);
        var unexpected = kind == SoakKind.Replay
            ? outcome.Events.Count(e => e.Disposition != EventDisposition.AlreadyCommitted)
            : outcome.Events.Count(e => e.Disposition == EventDisposition.AlreadyCommitted);
        if (missing > 0 || unexpected > 0 || outcome.Events.Count != batch.Events.Count)
        {
            _problems.Enqueue($"{kind} partition {batch.PartitionId} {batch.Events[0].SequenceNumber}-{batch.Events[^1].SequenceNumber}: {missing} without an outcome, {unexpected} with an unexpected disposition");
        }
    }

    private async Task CheckWholeQuarantineAsync(SoakKind kind, byte[] request, string reason, CancellationToken cancellationToken)
    {
        _requests.AddOrUpdate(kind, 1, (_, c) => c + 1);
        var (status, result) = await PostAsync(request, cancellationToken);
        if (status != 200 || result.Logs.Count != 1 || !result.Logs[0].Contains(reason, StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _serverErrors);
            _problems.Enqueue($"{kind}: HTTP {status} {string.Join(" ", result.Logs)}");
        }
    }

    private async Task<(int Status, HostInvocationReply Result)> PostAsync(byte[] body, CancellationToken cancellationToken)
    {
        var reply = await handler.PostAsync(body, cancellationToken: cancellationToken);
        return (reply.StatusCode, reply);
    }

    private int Next(int bound)
    {
        lock (random)
        {
            return random.Next(bound);
        }
    }

    private sealed class PartitionState(string id, long nextSequence)
    {
        public string Id { get; } = id;

        public long NextSequence { get; set; } = nextSequence;

        // The last batches only, for replays: memory stays flat however long the soak runs.
        public List<IngestBatch> Sent { get; } = [];

        public void Remember(IngestBatch batch)
        {
            Sent.Add(batch);
            if (Sent.Count > 16)
            {
                Sent.RemoveAt(0);
            }
        }
    }
}
