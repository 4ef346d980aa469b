using System.Globalization;
using Residency.Ingest;

namespace Residency.Functions.Endpoints;

/// <summary>Log lines for a batch outcome: counts, sequence numbers and reason codes only, never content.</summary>
internal static class OutcomeLog
{
    private const int MaxQuarantineLines = 20;

    public static List<string> Lines(IngestOutcome outcome)
    {
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"Partition {outcome.PartitionId} sequence {outcome.FirstSequenceNumber}-{outcome.LastSequenceNumber}: {outcome.Events.Count} events; " +
                $"{Format(outcome.CountsByDisposition)}; fragments {Format(outcome.CountsByLevel)}"),
        };
        foreach (var e in outcome.Events.Where(e => e.Disposition == EventDisposition.Quarantined).Take(MaxQuarantineLines))
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"Sequence {e.SequenceNumber} quarantined: {e.ReasonCode}"));
        }

        var more = outcome.CountsByDisposition.GetValueOrDefault("quarantined") - MaxQuarantineLines;
        if (more > 0)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"... and {more} more quarantined ({Format(outcome.CountsByReason)})"));
        }

        return lines;
    }

    private static string Format(IReadOnlyDictionary<string, int> counts) =>
        counts.Count == 0 ? "none" : string.Join(", ", counts.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Value}")));
}
