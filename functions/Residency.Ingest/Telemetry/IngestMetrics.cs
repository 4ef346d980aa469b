using System.Diagnostics;
using Residency.Classification;
using Residency.Storage.Batches;

namespace Residency.Ingest.Telemetry;

/// <summary>Records a batch's outcome on the instruments: bounded dimensions only, never anything from the upload.</summary>
internal static class IngestMetrics
{
    private const string NoLevel = "none";

    /// <summary>Events by outcome and level, quarantine by reason and, for events committed now, the lag since enqueued.</summary>
    public static void RecordBatch(IngestOutcome outcome, IEnumerable<PreparedEvent> committed, DateTimeOffset committedAt)
    {
        var partition = new KeyValuePair<string, object?>(TelemetryNames.PartitionTag, outcome.PartitionId);
        foreach (var e in outcome.Events)
        {
            IngestTelemetry.Events.Add(1, partition,
                new(TelemetryNames.OutcomeTag, IngestOutcome.DispositionName(e.Disposition)),
                new(TelemetryNames.LevelTag, HighestLevel(e.Levels)));
            if (e.Disposition == EventDisposition.Quarantined)
            {
                RecordQuarantine(outcome.PartitionId, e.ReasonCode ?? IngestReasons.InvalidUpload);
            }
        }

        if (!IngestTelemetry.CommitLag.Enabled)
        {
            return;
        }

        foreach (var e in committed)
        {
            if (e.EnqueuedTimeUtc is { } enqueued)
            {
                // A clock ahead of ours would give a negative lag: it is none.
                IngestTelemetry.CommitLag.Record(Math.Max(0, (committedAt - enqueued).TotalMilliseconds), partition);
            }
        }
    }

    /// <summary>One quarantined event or whole invocation request.</summary>
    public static void RecordQuarantine(string partitionId, string reasonCode) =>
        IngestTelemetry.Quarantine.Add(1,
            new KeyValuePair<string, object?>(TelemetryNames.PartitionTag, partitionId),
            new KeyValuePair<string, object?>(TelemetryNames.ReasonTag, reasonCode));

    /// <summary>The classification time of one event.</summary>
    public static void RecordClassification(long startedTimestamp, bool classified) =>
        IngestTelemetry.ClassificationDuration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalMilliseconds,
            new KeyValuePair<string, object?>(TelemetryNames.OutcomeTag, classified ? "classified" : "rejected"));

    private static string HighestLevel(IReadOnlyList<string> levels)
    {
        var highest = NoLevel;
        var rank = -1;
        foreach (var name in levels)
        {
            if (DataLevels.TryParse(name, out var level) && (int)level > rank)
            {
                (highest, rank) = (name, (int)level);
            }
        }

        return highest;
    }
}
