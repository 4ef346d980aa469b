using System.Diagnostics;

namespace Residency.Ingest.Telemetry;

/// <summary>
/// Starts the spans of <see cref="TelemetryNames"/> and links an invocation to the devices' trace contexts. Span
/// attributes are the bounded ones of <see cref="TelemetryNames.SpanAttributes"/>, never content of an upload.
/// </summary>
public static class IngestSpans
{
    /// <summary>At most this many device contexts are linked to one invocation span.</summary>
    public const int MaxLinks = 128;

    private const string TraceParent = "traceparent";
    private const string TraceState = "tracestate";
    private const string DiagnosticId = "Diagnostic-Id";

    /// <summary>The span of one invocation, or null when nothing samples it.</summary>
    public static Activity? StartInvocation() => IngestTelemetry.Source.StartActivity(TelemetryNames.InvocationSpan, ActivityKind.Server);

    /// <summary>A child span (decode, classify, commit) of the current span, or null when nothing samples it.</summary>
    public static Activity? StartChild(string name) => IngestTelemetry.Source.StartActivity(name, ActivityKind.Internal);

    /// <summary>
    /// Links the invocation to each distinct device trace context the events carry: <c>traceparent</c> (with
    /// <c>tracestate</c>) first, else <c>Diagnostic-Id</c>, as the Event Hubs SDK writes them. Unparsable values are ignored.
    /// </summary>
    public static void LinkDeviceContexts(Activity? invocation, IEnumerable<IngestEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (invocation is null || !invocation.IsAllDataRequested)
        {
            return;
        }

        var linked = new HashSet<ActivityTraceId>();
        foreach (var e in events)
        {
            if (linked.Count >= MaxLinks)
            {
                return;
            }

            if (e.Properties is { } properties && TryReadContext(properties, out var context) && linked.Add(context.TraceId))
            {
                invocation.AddLink(new ActivityLink(context));
            }
        }
    }

    /// <summary>The device trace context an event's properties carry, if any.</summary>
    public static bool TryReadContext(IReadOnlyDictionary<string, string> properties, out ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(properties);
        properties.TryGetValue(TraceState, out var state);
        if (properties.TryGetValue(TraceParent, out var parent) && ActivityContext.TryParse(parent, state, out context))
        {
            return true;
        }

        return properties.TryGetValue(DiagnosticId, out var id) && ActivityContext.TryParse(id, null, out context);
    }
}
