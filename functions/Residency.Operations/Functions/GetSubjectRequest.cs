using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging;
using Residency.Operations.Configuration;
using Residency.Operations.Http;
using Residency.Operations.Requests;

namespace Residency.Operations.Functions;

/// <summary><c>GET /api/subject-requests/{id}</c>: status, receipt and working days elapsed against the 10-day limit.</summary>
public sealed class GetSubjectRequest(SubjectRequestService service, OperationsEnvironment environment, ILogger<GetSubjectRequest> logger)
{
    private const string Operation = "status";

    /// <summary>The function.</summary>
    [Function(nameof(GetSubjectRequest))]
    public async Task<HttpResponseData> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "subject-requests/{id}")] HttpRequestData request, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (caller, refusal) = await Gate.CheckAsync(request, environment, logger, Operation).ConfigureAwait(false);
        if (caller is null)
        {
            return refusal!;
        }

        if (await service.ViewAsync(id, cancellationToken).ConfigureAwait(false) is not { } view)
        {
            // The id is not echoed: a caller may have pasted anything into the path.
            OperationsLog.Call(logger, Operation, caller.ObjectId, "unknown", "not found");
            return await Answers.ErrorAsync(request, HttpStatusCode.NotFound, "no request has this id.").ConfigureAwait(false);
        }

        OperationsLog.Call(logger, Operation, caller.ObjectId, view.Record.RequestId, view.Status);
        return await Answers.JsonAsync(request, HttpStatusCode.OK, w => SubjectRequestJson.Write(w, view, withReceipt: true)).ConfigureAwait(false);
    }
}
