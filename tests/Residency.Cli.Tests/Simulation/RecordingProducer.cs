using System.Collections.Concurrent;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Producer;

namespace Residency.Cli.Tests.Simulation;

/// <summary>
/// The SDK's producer with its network parts replaced through the SDK's mocking support (protected constructor,
/// virtual members, <see cref="EventHubsModelFactory.EventDataBatch"/>): batches take events while their bodies fit
/// the given size, and every send is recorded with the partition key it was created for.
/// </summary>
internal sealed class RecordingProducer(long maximumBatchBytes) : EventHubProducerClient
{
    private readonly ConcurrentDictionary<EventDataBatch, (List<EventData> Store, string? PartitionKey)> _batches = new();

    public List<SentBatch> Sent { get; } = [];

    /// <summary>Decides per send (0-based) whether it fails and how; null sends normally.</summary>
    public Func<int, Exception?> SendFailure { get; set; } = _ => null;

    /// <summary>Thrown by every CreateBatchAsync when set (e.g. the credential is refused).</summary>
    public Exception? CreateFailure { get; set; }

    public int SendAttempts { get; private set; }

    public int CreateAttempts { get; private set; }

    public override ValueTask<EventDataBatch> CreateBatchAsync(CreateBatchOptions options, CancellationToken cancellationToken = default)
    {
        CreateAttempts++;
        if (CreateFailure is { } failure)
        {
            throw failure;
        }

        // What the real producer reports: the size limit the service's link allows.
        var effective = new CreateBatchOptions
        {
            PartitionKey = options?.PartitionKey,
            PartitionId = options?.PartitionId,
            MaximumSizeInBytes = options?.MaximumSizeInBytes ?? maximumBatchBytes,
        };
        var store = new List<EventData>();
        long size = 0;
        var batch = EventHubsModelFactory.EventDataBatch(maximumBatchBytes, store, effective, eventData =>
        {
            var next = size + eventData.EventBody.ToMemory().Length;
            if (next > maximumBatchBytes)
            {
                return false;
            }

            size = next;
            return true;
        });
        _batches[batch] = (store, options?.PartitionKey);
        return ValueTask.FromResult(batch);
    }

    public override Task SendAsync(EventDataBatch eventBatch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventBatch);
        var attempt = SendAttempts++;
        if (SendFailure(attempt) is { } failure)
        {
            throw failure;
        }

        var (store, partitionKey) = _batches[eventBatch];
        Sent.Add(new SentBatch(partitionKey, [.. store]));
        return Task.CompletedTask;
    }
}

/// <summary>One batch the producer sent: the partition key it was created with and its events.</summary>
internal sealed record SentBatch(string? PartitionKey, IReadOnlyList<EventData> Events);
