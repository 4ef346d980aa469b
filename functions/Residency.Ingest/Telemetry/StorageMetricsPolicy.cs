using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Residency.Ingest.Telemetry;

/// <summary>
/// Counts and times every storage attempt by operation and status, on the blob client's pipeline (per retry, so
/// throttled attempts show as 503s). Only the method and the <c>comp</c>/<c>restype</c> query names are read: the
/// blob path carries vehicle keys and never becomes a dimension.
/// </summary>
public sealed class StorageMetricsPolicy : HttpPipelinePolicy
{
    /// <summary>The one instance every residency client may share.</summary>
    public static StorageMetricsPolicy Instance { get; } = new();

    /// <inheritdoc />
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        var started = Stopwatch.GetTimestamp();
        try
        {
            ProcessNext(message, pipeline);
        }
        finally
        {
            Record(message, started);
        }
    }

    /// <inheritdoc />
    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }
        finally
        {
            Record(message, started);
        }
    }

    private static void Record(HttpMessage message, long started)
    {
        if (!IngestTelemetry.StorageRequests.Enabled && !IngestTelemetry.StorageDuration.Enabled)
        {
            return;
        }

        var operation = new KeyValuePair<string, object?>(TelemetryNames.OperationTag, StorageOperations.Name(message.Request));
        var status = new KeyValuePair<string, object?>(TelemetryNames.StatusTag, message.HasResponse ? message.Response.Status : 0);
        IngestTelemetry.StorageRequests.Add(1, operation, status);
        IngestTelemetry.StorageDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, operation, status);
    }
}
