using System.Diagnostics;
using Residency.Ingest;
using Residency.Ingest.Telemetry;

namespace Residency.Functions.Telemetry;

/// <summary>
/// The span and duration of one POST /VehicleIngest: started on arrival, given the partition and the device links once
/// the envelope is read, finished with the status code the host gets. A cancelled invocation records no duration.
/// </summary>
internal sealed class InvocationTelemetry : IDisposable
{
    private readonly Activity? _span;
    private readonly long _started = Stopwatch.GetTimestamp();
    private string _partitionId = UnreadableInvocation.PartitionId;

    private InvocationTelemetry(Activity? span) => _span = span;

    public static InvocationTelemetry Start() => new(IngestSpans.StartInvocation());

    /// <summary>The envelope was read: the partition, the event count and the links to the devices' trace contexts.</summary>
    public void Read(IngestBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _partitionId = batch.PartitionId;
        _span?.SetTag(TelemetryNames.PartitionTag, batch.PartitionId);
        _span?.SetTag(TelemetryNames.EventCountAttribute, batch.Events.Count);
        IngestSpans.LinkDeviceContexts(_span, batch.Events);
    }

    /// <summary>Records the duration under the result's status code and returns the result.</summary>
    public IResult Finish(IResult result)
    {
        var status = (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
        IngestTelemetry.InvocationDuration.Record(Stopwatch.GetElapsedTime(_started).TotalMilliseconds,
            new KeyValuePair<string, object?>(TelemetryNames.PartitionTag, _partitionId),
            new KeyValuePair<string, object?>(TelemetryNames.StatusTag, status));
        if (_span is not null)
        {
            _span.SetTag(TelemetryNames.PartitionTag, _partitionId);
            _span.SetTag(TelemetryNames.StatusTag, status);
            _span.SetStatus(status >= 500 ? ActivityStatusCode.Error : ActivityStatusCode.Ok);
        }

        return result;
    }

    public void Dispose() => _span?.Dispose();
}
