using System.Text;
using Residency.Cli.Simulation;
using Residency.Ingest;

namespace Residency.Cli.Soak;

/// <summary>What one soak request is, and what the handler must answer to it.</summary>
internal enum SoakKind
{
    /// <summary>A host batch of generated uploads (some malformed on purpose): every event gets one outcome.</summary>
    Batch,

    /// <summary>A batch sent before, sent again: every event is already committed.</summary>
    Replay,

    /// <summary>A request no host sends: 200, quarantined whole as invalid-envelope.</summary>
    InvalidEnvelope,

    /// <summary>A request over the handler's request limit: 200, streamed whole into quarantine.</summary>
    Oversized,
}

/// <summary>The hostile corpus of the soak: the envelope shapes a hostile probe tried, oversized bodies, garbage.</summary>
internal static class HostileCorpus
{
    private const string Vin = "LSJA24U62JG269225";

    /// <summary>The n-th invalid envelope, cycling through every shape.</summary>
    public static byte[] InvalidEnvelope(int n, Random random) => (n % 9) switch
    {
        0 => Envelope("7", "[-3]"),
        1 => Envelope("../x", "[1]"),
        2 => Envelope(new string('9', 70), "[1]"),
        3 => Envelope($"1\\nInformation: forged line {Vin}", "[1]"),
        4 => Envelope("7", "[5,5]", "[\"e30=\",\"e30=\"]"),
        5 => Encoding.UTF8.GetBytes("""{"Data":{"events":"[\"e30=\"] trailing"},"Metadata":{"PartitionContext":{"PartitionId":"7"},"SequenceNumberArray":[1]}}"""),
        6 => Encoding.UTF8.GetBytes("not json at all " + Vin),
        7 => Envelope("7", "[1,2]"),
        _ => RandomBytes(random, random.Next(1, 4096)),
    };

    public static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Host events numbered from <paramref name="firstSequence"/> in one partition.</summary>
    public static IngestBatch Batch(string partitionId, long firstSequence, IReadOnlyList<SimulatedEvent> events) =>
        new(partitionId, events.Select((e, i) => new IngestEvent(
            e.Body, firstSequence + i, ((firstSequence + i) * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.UtcNow, e.PartitionKey, e.Properties)).ToList());

    private static byte[] Envelope(string partitionId, string sequenceNumbers, string events = "[\"e30=\"]") =>
        Encoding.UTF8.GetBytes($$$"""{"Data":{"events":{{{events}}}},"Metadata":{"PartitionContext":{"PartitionId":"{{{partitionId}}}"},"SequenceNumberArray":{{{sequenceNumbers}}}}}""");
}
