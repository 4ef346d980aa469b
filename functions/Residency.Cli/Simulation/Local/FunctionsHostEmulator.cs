using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Residency.FunctionsHost;
using Residency.Ingest;

namespace Residency.Cli.Simulation.Local;

/// <summary>
/// Plays the part of Event Hubs plus the Functions host for a local handler: assigns events to partitions by
/// partition key, numbers them, delivers per-partition batches of at most 100, and retries a failed batch.
/// </summary>
internal sealed class FunctionsHostEmulator(HostInvocationClient client, int partitionCount = 4, int maxBatchSize = 100)
{
    private readonly long[] _nextSequence = new long[partitionCount];

    /// <summary>
    /// Continues each partition after what storage already committed (as Event Hubs numbers on from the last event),
    /// so a second run against the same Azurite is new data, not a replay.
    /// </summary>
    public async Task ContinueAfterAsync(Func<string, Task<long>> committedThrough)
    {
        for (var partition = 0; partition < partitionCount; partition++)
        {
            _nextSequence[partition] = await committedThrough(partition.ToString(CultureInfo.InvariantCulture)) + 1;
        }
    }

    /// <summary>How often a failed batch is tried again before the emulator gives up (the real host never does).</summary>
    public int MaxRetries { get; init; } = 5;

    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// When Event Hubs accepted each event: by default now; the local run replays a stretch across midnight China time
    /// (<see cref="EnqueueClock"/>) so that the day ledger seals a day.
    /// </summary>
    public Func<DateTimeOffset> Enqueued { get; init; } = () => DateTimeOffset.UtcNow;

    public async Task<IReadOnlyList<DeliveredBatch>> DeliverAsync(IReadOnlyList<SimulatedEvent> events, CancellationToken cancellationToken = default)
    {
        // Enqueue times follow the order events were sent in, across partitions, as Event Hubs stamps them.
        var batches = new List<(IngestBatch Batch, SimulatedEvent[] Sources)>();
        var stamped = events.Select(e => (Event: e, Enqueued: Enqueued())).ToList();
        foreach (var partition in stamped.GroupBy(e => PartitionOf(e.Event.PartitionKey)))
        {
            foreach (var chunk in partition.Chunk(maxBatchSize))
            {
                var numbered = chunk.Select(e => Number(partition.Key, e.Event, e.Enqueued)).ToList();
                batches.Add((new IngestBatch(partition.Key.ToString(CultureInfo.InvariantCulture), numbered), chunk.Select(e => e.Event).ToArray()));
            }
        }

        // Partitions are processed concurrently, as the host does; batches of one partition in order.
        var byPartition = batches.GroupBy(b => b.Batch.PartitionId);
        var results = await Task.WhenAll(byPartition.Select(async group =>
        {
            var delivered = new List<DeliveredBatch>();
            foreach (var (batch, sources) in group)
            {
                delivered.Add(await DeliverWithRetryAsync(batch, sources, cancellationToken));
            }

            return delivered;
        }));
        return results.SelectMany(r => r).ToList();
    }

    private async Task<DeliveredBatch> DeliverWithRetryAsync(IngestBatch batch, SimulatedEvent[] sources, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            HostInvocationReply result;
            try
            {
                result = await client.InvokeAsync(batch with { RetryCount = attempt }, cancellationToken: cancellationToken);
            }
            catch (HttpRequestException)
            {
                result = HostInvocationReply.Unreachable("The handler could not be reached.");
            }

            if (result.Succeeded || attempt >= MaxRetries)
            {
                return new DeliveredBatch(batch, sources, result, attempt + 1);
            }

            await Task.Delay(RetryDelay * (1 << Math.Min(attempt, 4)), cancellationToken);
        }
    }

    private IngestEvent Number(int partition, SimulatedEvent e, DateTimeOffset enqueued)
    {
        var sequence = Interlocked.Increment(ref _nextSequence[partition]) - 1;
        return new IngestEvent(e.Body, sequence, (sequence * 1024).ToString(CultureInfo.InvariantCulture),
            enqueued, e.PartitionKey, e.Properties);
    }

    private int PartitionOf(string partitionKey)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(partitionKey));
        return (int)(BinaryPrimitives.ReadUInt32LittleEndian(hash) % (uint)partitionCount);
    }
}

/// <summary>One batch as delivered: the batch, the simulated events behind it (same order), the handler's final answer, the attempts.</summary>
internal sealed record DeliveredBatch(IngestBatch Batch, IReadOnlyList<SimulatedEvent> Sources, HostInvocationReply Result, int Attempts);
