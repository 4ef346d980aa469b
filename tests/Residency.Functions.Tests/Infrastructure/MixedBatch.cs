using System.Text;
using Residency.Ingest;

namespace Residency.Functions.Tests.Infrastructure;

/// <summary>A batch with every kind (plain and gzip) and every kind of bad event, with the reason each bad one must get.</summary>
internal static class MixedBatch
{
    public static (IngestBatch Batch, Dictionary<long, string> ExpectedReasons) Create(string partitionId, long firstSequence = 100)
    {
        var events = new List<IngestEvent>();
        var reasons = new Dictionary<long, string>();
        var sequence = firstSequence;
        foreach (var kind in Uploads.Kinds)
        {
            events.Add(Uploads.Event(sequence++, Uploads.Sample(kind)));
        }

        events.Add(Uploads.Event(sequence++, Uploads.Gzip(Uploads.Sample("trip")), Uploads.GzipProperty));
        events.Add(Uploads.Event(sequence++, Uploads.Gzip(Uploads.Sample("account")))); // gzip told by magic bytes only
        events.Add(Uploads.Event(sequence++, Uploads.Gzip(Uploads.Sample("event")), Uploads.GzipProperty));

        foreach (var invalid in new[] { "invalid-json", "missing-field", "unknown-schema", "invalid-message-id", "invalid-utf8", "wrong-type", "duplicate-key", "too-deep", "invalid-field" })
        {
            reasons[sequence] = invalid;
            events.Add(Uploads.Event(sequence++, Uploads.Invalid(invalid)));
        }

        reasons[sequence] = "event-too-large";
        events.Add(Uploads.Event(sequence++, Encoding.UTF8.GetBytes("{\"notes\":\"" + new string('x', 1_100_000) + "\"}")));
        reasons[sequence] = "gzip-bomb";
        events.Add(Uploads.Event(sequence++, Uploads.GzipBomb(), Uploads.GzipProperty));
        reasons[sequence] = "invalid-gzip";
        events.Add(Uploads.Event(sequence++, Uploads.Gzip(Uploads.Sample("telemetry"))[..60], Uploads.GzipProperty));
        reasons[sequence] = "empty-event";
        events.Add(Uploads.Event(sequence++, []));
        reasons[sequence] = "unsupported-encoding";
        events.Add(Uploads.Event(sequence, Uploads.Sample("telemetry"), new Dictionary<string, string> { ["contentEncoding"] = "br" }));
        return (new IngestBatch(partitionId, events), reasons);
    }
}
