using System.Globalization;
using System.Text;
using Azure.Storage.Blobs;
using Residency.Cli.Simulation.Local;
using Residency.Ingest;
using Residency.Storage;

namespace Residency.Cli.LocalRun;

/// <summary>What the local run reports: outcomes per event, fragments per level, quarantine reasons, blobs per container.</summary>
internal sealed class LocalRunSummary
{
    public SortedDictionary<string, int> Dispositions { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, int> Levels { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, int> Reasons { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, int> Containers { get; } = new(StringComparer.Ordinal);

    /// <summary>Deliberately malformed events that were not quarantined, and valid ones that were: both are surprises.</summary>
    public List<string> Surprises { get; } = [];

    public int Events { get; private set; }

    public int Accounted { get; private set; }

    public int Batches { get; private set; }

    public int FailedBatches { get; private set; }

    public int Retries { get; private set; }

    /// <summary>Storage requests the handler reported for the batches it accepted (every attempt, as billed).</summary>
    public long StorageRequests { get; private set; }

    public static LocalRunSummary FromDeliveries(IReadOnlyList<DeliveredBatch> delivered)
    {
        var summary = new LocalRunSummary();
        foreach (var batch in delivered)
        {
            summary.Batches++;
            summary.Retries += batch.Attempts - 1;
            summary.Events += batch.Batch.Events.Count;
            if (batch.Result.Outcome is not { } outcome || !batch.Result.Succeeded)
            {
                summary.FailedBatches++;
                continue;
            }

            summary.StorageRequests += outcome.StorageRequests;
            for (var i = 0; i < outcome.Events.Count && i < batch.Sources.Count; i++)
            {
                var e = outcome.Events[i];
                var source = batch.Sources[i];
                summary.Accounted++;
                Increment(summary.Dispositions, IngestOutcome.DispositionName(e.Disposition));
                foreach (var level in e.Levels)
                {
                    Increment(summary.Levels, level);
                }

                if (e.ReasonCode is { } reason)
                {
                    Increment(summary.Reasons, reason);
                    if (source.Malformation is null)
                    {
                        summary.Surprises.Add($"a valid {source.Kind} upload was quarantined ({reason}), partition {batch.Batch.PartitionId} sequence {e.SequenceNumber}");
                    }
                }
                else if (source.Malformation is { } malformation)
                {
                    summary.Surprises.Add($"a '{malformation}' event was not quarantined, partition {batch.Batch.PartitionId} sequence {e.SequenceNumber}");
                }
            }
        }

        return summary;
    }

    public async Task CountContainersAsync(BlobServiceClient client, CancellationToken cancellationToken)
    {
        foreach (var container in ResidencyContainers.All)
        {
            var count = 0;
            await foreach (var _ in client.GetBlobContainerClient(container).GetBlobsAsync(cancellationToken: cancellationToken))
            {
                count++;
            }

            Containers[container] = count;
        }
    }

    public string Format(TimeSpan elapsed)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"  events:             {Events} in {Batches} host batches ({Retries} retried, {FailedBatches} failed), {Accounted} accounted for");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"  throughput:         {Events / Math.Max(elapsed.TotalSeconds, 0.001):F0} events/s end to end; {StorageRequests} storage requests, {StorageRequests * 1000.0 / Math.Max(Events, 1):F1} per 1,000 events");
        text.AppendLine("  outcomes:           " + Join(Dispositions));
        text.AppendLine("  lines by level:     " + Join(Levels));
        text.AppendLine("  quarantine reasons: " + Join(Reasons));
        text.AppendLine("  blobs per container:");
        foreach (var (container, count) in Containers)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"    {container,-20} {count,6}");
        }

        foreach (var surprise in Surprises.Take(10))
        {
            text.AppendLine("  unexpected: " + surprise);
        }

        return text.ToString();
    }

    private static void Increment(SortedDictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    private static string Join(SortedDictionary<string, int> counts) =>
        counts.Count == 0 ? "none" : string.Join(", ", counts.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Value}")));
}
