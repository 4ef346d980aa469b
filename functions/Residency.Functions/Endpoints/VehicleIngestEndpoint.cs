using Residency.Functions.Admission;
using Residency.Functions.Configuration;
using Residency.Functions.Telemetry;
using Residency.FunctionsHost;
using Residency.Ingest;
using Residency.Storage;

namespace Residency.Functions.Endpoints;

/// <summary>
/// POST /VehicleIngest: one Event Hubs batch from the Functions host. 200 once every event is stored or quarantined
/// (the host then checkpoints), or once a request that is not the host's envelope (or is larger than the handler
/// reads) is quarantined whole; 500 only for infrastructure failures and bugs of ours, so the retry policy holds the
/// partition. Requests wait for admission (invocations and bytes in flight) before their body is read.
/// </summary>
internal static partial class VehicleIngestEndpoint
{
    public const string Route = "/" + HostInvocationWriter.FunctionName;

    public static async Task<IResult> HandleAsync(
        HttpRequest request, IngestPipeline pipeline, InvocationAdmission admission, HandlerLimits limits,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        using var telemetry = InvocationTelemetry.Start();
        var logger = loggers.CreateLogger("Residency.Functions.VehicleIngest");
        var invocationId = LogSafe.InvocationId(request.Headers["X-Azure-Functions-InvocationId"].ToString());
        var weight = Math.Min(request.ContentLength ?? limits.MaxRequestBytes, limits.MaxRequestBytes);
        var ticket = await admission.EnterAsync(weight, cancellationToken);
        var length = 0L;
        try
        {
            var read = await RequestBody.ReadAsync(request, limits.MaxRequestBytes, cancellationToken);
            if (read.Body is null)
            {
                return telemetry.Finish(await QuarantineOversizedAsync(request, read, limits, pipeline, logger, invocationId, cancellationToken));
            }

            length = read.Body.Length;
            IngestBatch batch;
            try
            {
                batch = HostInvocationReader.Read(read.Body);
            }
            catch (InvalidInvocationException ex)
            {
                // A request that is not the host's envelope is deterministic: retrying it would hold the partition until
                // Event Hubs retention drops its events. Keep the whole request in quarantine instead, then let it checkpoint.
                return telemetry.Finish(await QuarantineInvocationAsync(read.Body, ex.Message, pipeline, logger, invocationId, cancellationToken));
            }

            // The events hold their own bodies: let the request's buffer go before the batch is processed.
            read = null!;
            telemetry.Read(batch);
            return telemetry.Finish(await ProcessAsync(batch, pipeline, logger, invocationId, cancellationToken));
        }
        finally
        {
            ticket.Dispose();
            MemoryRelief.AfterRequest(length, limits.MaxRequestBytes, admission);
        }
    }

    private static async Task<IResult> ProcessAsync(
        IngestBatch batch, IngestPipeline pipeline, ILogger logger, string invocationId, CancellationToken cancellationToken)
    {
        // Only these outlive the call: the pipeline may let the event bodies go once they are classified.
        var partitionId = batch.PartitionId;
        var eventCount = batch.Events.Count;
        try
        {
            var outcome = await pipeline.ProcessBatchAsync(Release(ref batch), cancellationToken);
            var lines = OutcomeLog.Lines(outcome);
            foreach (var line in lines)
            {
                LogOutcome(logger, invocationId, line);
            }

            return InvocationResponse.Json(StatusCodes.Status200OK, lines, outcome);
        }
        catch (StorageUnavailableException ex)
        {
            // The partition id was checked by the envelope reader; the message names operations and containers only.
            var line = $"Storage unavailable: partition {partitionId} batch of {eventCount} events not accounted for; the host retries it. {ex.Message}";
            LogStorageUnavailable(logger, invocationId, line);
            return InvocationResponse.Json(StatusCodes.Status500InternalServerError, [line]);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Fail closed: a bug of ours is not the device's fault and must not be checkpointed. Only the type is logged.
            var line = $"Unexpected {ex.GetType().Name} in partition {partitionId}; the host retries the batch.";
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

    private static async Task<IResult> QuarantineOversizedAsync(
        HttpRequest request, RequestBody read, HandlerLimits limits, IngestPipeline pipeline, ILogger logger, string invocationId,
        CancellationToken cancellationToken)
    {
        var problem = $"the request is larger than {limits.MaxRequestBytes} bytes ({HandlerSettingNames.MaxRequestMegabytes})";
        LogInvalidEnvelope(logger, invocationId, problem);
        try
        {
            // What was read already, then the rest as it arrives: the request is never held whole.
            await using var whole = new PrefixedStream(read.ReadBeforeLimit, request.Body);
            var entry = await pipeline.QuarantineOversizedInvocationAsync(whole, "The request was larger than the handler reads; its bytes are kept as sent.", cancellationToken);
            var line = $"Invalid invocation request ({problem}); the whole request ({whole.BytesRead} bytes) is quarantined as {entry}.";
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

    // Hands the batch over and clears the caller's reference, so nothing here keeps the event bodies alive.
    private static IngestBatch Release(ref IngestBatch batch)
    {
        var handed = batch;
        batch = null!;
        return handed;
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
