using System.Net;
using Azure;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging;
using Residency.Operations.Configuration;
using Residency.Operations.Http;
using Residency.Operations.Requests;
using Residency.Storage;

namespace Residency.Operations.Functions;

/// <summary>
/// <c>POST /api/subject-requests</c>: records an access or deletion request write-once under its ticket's id and runs it
/// inline; 202 with the request id. The same ticket posted again answers the same request (and retries it if it is open).
/// </summary>
public sealed class SubmitSubjectRequest(SubjectRequestService service, OperationsEnvironment environment, ILogger<SubmitSubjectRequest> logger)
{
    private const string Operation = "submit";

    /// <summary>The function.</summary>
    [Function(nameof(SubmitSubjectRequest))]
    public async Task<HttpResponseData> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "subject-requests")] HttpRequestData request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (caller, refusal) = await Gate.CheckAsync(request, environment, logger, Operation).ConfigureAwait(false);
        if (caller is null)
        {
            return refusal!;
        }

        var body = await ReadBodyAsync(request.Body, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return await Answers.ErrorAsync(request, HttpStatusCode.RequestEntityTooLarge, $"the body is larger than {SubjectRequestBody.MaxBytes} bytes.").ConfigureAwait(false);
        }

        if (SubjectRequestBody.Parse(body, service.Key, service.Now, out var error) is not { } ask)
        {
            OperationsLog.Refused(logger, Operation, 400, error!);
            return await Answers.ErrorAsync(request, HttpStatusCode.BadRequest, error!).ConfigureAwait(false);
        }

        var (result, record) = await service.RecordAsync(ask, caller.ObjectId, cancellationToken).ConfigureAwait(false);
        if (result == SubmitResult.Conflict)
        {
            OperationsLog.Call(logger, Operation, caller.ObjectId, record.RequestId, "conflict");
            return await Answers.ErrorAsync(request, HttpStatusCode.Conflict,
                $"this ticket opened request {record.RequestId} with a different type, vehicle or request time; use a new ticket.").ConfigureAwait(false);
        }

        SubjectRequestOutcome outcome;
        try
        {
            outcome = await service.ProcessAsync(record, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RequestFailedException or StorageUnavailableException or IOException)
        {
            OperationsLog.Failed(logger, Operation, caller.ObjectId, record.RequestId, e.GetType().Name);
            return await Answers.JsonAsync(request, HttpStatusCode.ServiceUnavailable, w =>
            {
                w.WriteStartObject();
                w.WriteString("requestId", record.RequestId);
                w.WriteString("status", "open");
                w.WriteString("error", "the request is recorded but could not be completed now; post the same ticket again to retry.");
                w.WriteEndObject();
            }).ConfigureAwait(false);
        }

        OperationsLog.Call(logger, Operation, caller.ObjectId, record.RequestId, result == SubmitResult.Created ? "completed" : "repeated");
        var response = await Answers.JsonAsync(request, HttpStatusCode.Accepted, w =>
        {
            w.WriteStartObject();
            w.WriteString("requestId", record.RequestId);
            w.WriteString("status", "completed");
            w.WriteBoolean("repeated", result == SubmitResult.Repeated);
            w.WriteString("receipt", outcome.Receipt);
            w.WriteString("location", $"/api/subject-requests/{record.RequestId}");
            w.WriteEndObject();
        }).ConfigureAwait(false);
        response.Headers.Add("Location", $"/api/subject-requests/{record.RequestId}");
        return response;
    }

    // Reads at most MaxBytes; null when the body is longer.
    private static async Task<byte[]?> ReadBodyAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[SubjectRequestBody.MaxBytes + 1];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await body.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false)) > 0)
        {
            read += n;
        }

        return read > SubjectRequestBody.MaxBytes ? null : buffer[..read];
    }
}
