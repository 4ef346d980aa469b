using Residency.Ingest;
using Residency.Ingest.FunctionsHost;
using Residency.Storage;

namespace Residency.Functions.Endpoints;

/// <summary>
/// POST /VehicleIngest: one Event Hubs batch from the Functions host. 200 once every event is stored or
/// quarantined (the host then checkpoints), or once a request that is not the host's envelope is quarantined whole;
/// 500 when storage is unavailable, so the retry policy holds the partition.
/// </summary>
internal static partial class VehicleIngestEndpoint
{
    public const string Route = "/" + HostInvocationWriter.FunctionName;

    public static async Task<IResult> HandleAsync(HttpRequest request, IngestPipeline pipeline, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger("Residency.Functions.VehicleIngest");
        var invocationId = request.Headers["X-Azure-Functions-InvocationId"].ToString();
        byte[] body;
        using (var buffer = new MemoryStream())
        {
            await request.Body.CopyToAsync(buffer, cancellationToken);
            body = buffer.ToArray();
        }

        IngestBatch batch;
        try
        {
            batch = HostInvocationReader.Read(body);
        }
        catch (InvalidInvocationException ex)
        {
            // A request that is not the host's envelope is deterministic: retrying it would hold the partition until
            // Event Hubs retention drops its events. Keep the whole request in quarantine instead, then let it checkpoint.
            return await QuarantineInvocationAsync(body, ex.Message, pipeline, logger, invocationId, cancellationToken);
        }

        try
        {
            var outcome = await pipeline.ProcessBatchAsync(batch, cancellationToken);
            var lines = OutcomeLog.Lines(outcome);
            foreach (var line in lines)
            {
                LogOutcome(logger, invocationId, line);
            }

            return InvocationResponse.Json(StatusCodes.Status200OK, lines, outcome);
        }
        catch (StorageUnavailableException)
        {
            var line = $"Storage unavailable: partition {batch.PartitionId} batch of {batch.Events.Count} events not accounted for; the host retries it.";
            LogStorageUnavailable(logger, invocationId, line);
            return InvocationResponse.Json(StatusCodes.Status500InternalServerError, [line]);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Fail closed: an unexpected failure must not be checkpointed. Only the type is logged, never a message.
            var line = $"Unexpected {ex.GetType().Name} in partition {batch.PartitionId}; the host retries the batch.";
            LogUnexpected(logger, invocationId, line);
            return InvocationResponse.Json(StatusCodes.Status500InternalServerError, [line]);
        }
    }

    private static async Task<IResult> QuarantineInvocationAsync(
        byte[] body, string problem, IngestPipeline pipeline, ILogger logger, string invocationId, CancellationToken cancellationToken)
    {
        LogInvalidEnvelope(logger, invocationId, problem);
        try
        {
            var entry = await pipeline.QuarantineUnreadableInvocationAsync(body, problem, cancellationToken);
            var line = $"Invalid invocation request ({problem}); the whole request ({body.Length} bytes) is quarantined as {entry}.";
            LogOutcome(logger, invocationId, line);
            return InvocationResponse.Json(StatusCodes.Status200OK, [line]);
        }
        catch (StorageUnavailableException)
        {
            var line = $"Invalid invocation request ({problem}) and storage unavailable to quarantine it; the host retries it.";
            LogStorageUnavailable(logger, invocationId, line);
            return InvocationResponse.Json(StatusCodes.Status500InternalServerError, [line]);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "VehicleIngest {InvocationId}: {Line}")]
    private static partial void LogOutcome(ILogger logger, string invocationId, string line);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "VehicleIngest {InvocationId}: invalid invocation request: {Problem}")]
    private static partial void LogInvalidEnvelope(ILogger logger, string invocationId, string problem);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "VehicleIngest {InvocationId}: {Line}")]
    private static partial void LogStorageUnavailable(ILogger logger, string invocationId, string line);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "VehicleIngest {InvocationId}: {Line}")]
    private static partial void LogUnexpected(ILogger logger, string invocationId, string line);
}
