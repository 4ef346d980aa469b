using System.Text.Json;
using Residency.Ingest;

namespace Residency.FunctionsHost;

/// <summary>The JSON form of an <see cref="IngestOutcome"/> (the handler's ReturnValue; read back by the local run).</summary>
public static class IngestOutcomeJson
{
    /// <summary>Writes the outcome as one JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, IngestOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(outcome);
        writer.WriteStartObject();
        writer.WriteString("partitionId", outcome.PartitionId);
        writer.WriteNumber("firstSequenceNumber", outcome.FirstSequenceNumber);
        writer.WriteNumber("lastSequenceNumber", outcome.LastSequenceNumber);
        writer.WriteNumber("storageRequests", outcome.StorageRequests);
        WriteCounts(writer, "levels", outcome.CountsByLevel);
        WriteCounts(writer, "dispositions", outcome.CountsByDisposition);
        WriteCounts(writer, "reasons", outcome.CountsByReason);
        writer.WriteStartArray("events");
        foreach (var e in outcome.Events)
        {
            writer.WriteStartObject();
            writer.WriteNumber("sequenceNumber", e.SequenceNumber);
            writer.WriteString("disposition", IngestOutcome.DispositionName(e.Disposition));
            if (e.ReasonCode is not null)
            {
                writer.WriteString("reason", e.ReasonCode);
            }

            writer.WriteStartArray("levels");
            foreach (var level in e.Levels)
            {
                writer.WriteStringValue(level);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Reads an outcome written by <see cref="Write"/>.</summary>
    public static IngestOutcome Read(JsonElement element)
    {
        var events = new List<EventOutcome>();
        foreach (var e in element.GetProperty("events").EnumerateArray())
        {
            var disposition = e.GetProperty("disposition").GetString() switch
            {
                "stored" => EventDisposition.Stored,
                "quarantined" => EventDisposition.Quarantined,
                "already-committed" => EventDisposition.AlreadyCommitted,
                var other => throw new JsonException($"Unknown disposition '{other}'."),
            };
            var reason = e.TryGetProperty("reason", out var r) ? r.GetString() : null;
            var levels = e.GetProperty("levels").EnumerateArray().Select(l => l.GetString()!).ToArray();
            events.Add(new EventOutcome(e.GetProperty("sequenceNumber").GetInt64(), disposition, reason, levels));
        }

        return new IngestOutcome(element.GetProperty("partitionId").GetString()!, events,
            element.TryGetProperty("storageRequests", out var requests) ? requests.GetInt64() : 0);
    }

    private static void WriteCounts(Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, int> counts)
    {
        writer.WriteStartObject(name);
        foreach (var (key, count) in counts)
        {
            writer.WriteNumber(key, count);
        }

        writer.WriteEndObject();
    }
}
