namespace Residency.Ingest.Telemetry;

/// <summary>
/// The one list of telemetry names (docs/operations.md): the meter and activity source, every instrument with its unit
/// and dimensions, and the spans. The code records with these names, the tests assert them and the infra tests check
/// that the alerts and the workbook in infra/ name only these.
/// </summary>
public static class TelemetryNames
{
    /// <summary>The meter every instrument belongs to (named like the assembly).</summary>
    public const string Meter = "Residency.Ingest";

    /// <summary>The activity source of the invocation span and its children.</summary>
    public const string ActivitySource = "Residency.Ingest";

    /// <summary>Counter of events by outcome and level.</summary>
    public const string Events = "residency.events";

    /// <summary>Counter of quarantined events (and whole invocation requests) by reason.</summary>
    public const string Quarantine = "residency.quarantine";

    /// <summary>Counter of storage requests (every attempt) by operation and status.</summary>
    public const string StorageRequests = "residency.storage.requests";

    /// <summary>Counter of invocations not admitted on arrival, by result.</summary>
    public const string AdmissionRefusals = "residency.admission.refusals";

    /// <summary>Histogram of invocation duration by status code.</summary>
    public const string InvocationDuration = "residency.invocation.duration";

    /// <summary>Histogram of the classification time of one event.</summary>
    public const string ClassificationDuration = "residency.classification.duration";

    /// <summary>Histogram of storage request latency (one attempt) by operation and status.</summary>
    public const string StorageDuration = "residency.storage.duration";

    /// <summary>Histogram of the lag from an event's enqueued time to its commit.</summary>
    public const string CommitLag = "residency.commit.lag";

    /// <summary>The Event Hubs partition id (the only per-instance dimension).</summary>
    public const string PartitionTag = "residency.partition";

    /// <summary>stored, quarantined, already-committed (events); classified, rejected (classification).</summary>
    public const string OutcomeTag = "residency.outcome";

    /// <summary>The highest level an event's fragments were stored at; none when it was not stored now.</summary>
    public const string LevelTag = "residency.level";

    /// <summary>A quarantine reason code (a closed set in code).</summary>
    public const string ReasonTag = "residency.reason";

    /// <summary>The storage operation (put-blob, put-block-list, get-blob, ...; a closed set).</summary>
    public const string OperationTag = "residency.storage.operation";

    /// <summary>The HTTP status code (0 when no response came).</summary>
    public const string StatusTag = "http.response.status_code";

    /// <summary>queued (over a limit on arrival, it waits) or abandoned (the caller gave up while it waited).</summary>
    public const string AdmissionResultTag = "residency.admission.result";

    /// <summary>Span attribute: how many events the invocation carried.</summary>
    public const string EventCountAttribute = "residency.events.count";

    /// <summary>The span of one invocation (POST /VehicleIngest).</summary>
    public const string InvocationSpan = "residency.invocation";

    /// <summary>The span of decoding one event.</summary>
    public const string DecodeSpan = "residency.decode";

    /// <summary>The span of classifying one event.</summary>
    public const string ClassifySpan = "residency.classify";

    /// <summary>The span of the batch's commit (blobs, quarantine entries, commit record).</summary>
    public const string CommitSpan = "residency.commit";

    /// <summary>Every instrument: name, kind, unit and the only dimensions it carries.</summary>
    public static IReadOnlyList<TelemetryInstrument> Instruments { get; } =
    [
        new(Events, InstrumentKind.Counter, "{event}", [PartitionTag, OutcomeTag, LevelTag]),
        new(Quarantine, InstrumentKind.Counter, "{event}", [PartitionTag, ReasonTag]),
        new(StorageRequests, InstrumentKind.Counter, "{request}", [OperationTag, StatusTag]),
        new(AdmissionRefusals, InstrumentKind.Counter, "{invocation}", [AdmissionResultTag]),
        new(InvocationDuration, InstrumentKind.Histogram, "ms", [PartitionTag, StatusTag]),
        new(ClassificationDuration, InstrumentKind.Histogram, "ms", [OutcomeTag]),
        new(StorageDuration, InstrumentKind.Histogram, "ms", [OperationTag, StatusTag]),
        new(CommitLag, InstrumentKind.Histogram, "ms", [PartitionTag]),
    ];

    /// <summary>Every span name.</summary>
    public static IReadOnlyList<string> Spans { get; } = [InvocationSpan, DecodeSpan, ClassifySpan, CommitSpan];

    /// <summary>Every span attribute the code sets.</summary>
    public static IReadOnlyList<string> SpanAttributes { get; } = [PartitionTag, StatusTag, OutcomeTag, ReasonTag, EventCountAttribute];
}

/// <summary>One instrument of <see cref="TelemetryNames.Instruments"/>.</summary>
/// <param name="Name">The instrument name (lowercase, dotted).</param>
/// <param name="Kind">Counter or histogram.</param>
/// <param name="Unit">UCUM unit.</param>
/// <param name="Tags">The only dimensions it carries, all bounded.</param>
public sealed record TelemetryInstrument(string Name, InstrumentKind Kind, string Unit, IReadOnlyList<string> Tags);

/// <summary>The kind of an instrument.</summary>
public enum InstrumentKind
{
    /// <summary>A monotonic counter.</summary>
    Counter,

    /// <summary>A histogram of values.</summary>
    Histogram,
}
