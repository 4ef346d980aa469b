using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging;
using Residency.Operations.Configuration;
using Residency.Operations.Exports;
using Residency.Operations.Http;
using Residency.Operations.Requests;

namespace Residency.Operations.Functions;

/// <summary>
/// <c>GET /api/subject-requests/{id}/export</c>: the access export as a zip streamed from <c>vehicle-exports</c> through
/// this authenticated endpoint, never a SAS link. 404 for an unknown id or a deletion, 409 while open, 410 once expired.
/// </summary>
public sealed class DownloadSubjectExport(SubjectRequestService service, OperationsEnvironment environment, ILogger<DownloadSubjectExport> logger)
{
    private const string Operation = "export";

    /// <summary>The function.</summary>
    [Function(nameof(DownloadSubjectExport))]
    public async Task<HttpResponseData> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "subject-requests/{id}/export")] HttpRequestData request, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (caller, refusal) = await Gate.CheckAsync(request, environment, logger, Operation).ConfigureAwait(false);
        if (caller is null)
        {
            return refusal!;
        }

        var record = SubjectRequestIds.IsWellFormed(id) ? await service.Store.ReadRecordAsync(id, cancellationToken).ConfigureAwait(false) : null;
        if (record is null || record.Type != SubjectRequestType.Access)
        {
            OperationsLog.Call(logger, Operation, caller.ObjectId, record?.RequestId ?? "unknown", "not found");
            return await Answers.ErrorAsync(request, HttpStatusCode.NotFound, "no access request has this id.").ConfigureAwait(false);
        }

        if (await service.Store.ReadOutcomeAsync(id, cancellationToken).ConfigureAwait(false) is null)
        {
            return await Answers.ErrorAsync(request, HttpStatusCode.Conflict, "the request is still open; post its ticket again to retry it.").ConfigureAwait(false);
        }

        if (!await ExportArchive.ExistsAsync(service.Exports, id, cancellationToken).ConfigureAwait(false))
        {
            OperationsLog.Call(logger, Operation, caller.ObjectId, id, "expired");
            return await Answers.ErrorAsync(request, HttpStatusCode.Gone, "the export has expired (kept 7 days); post a new access request with a new ticket.").ConfigureAwait(false);
        }

        var response = request.CreateResponse(HttpStatusCode.OK);
        response.Headers.Add("Content-Type", "application/zip");
        response.Headers.Add("Content-Disposition", $"attachment; filename=\"export-{id}.zip\"");
        response.Headers.Add("Cache-Control", "no-store");
        await ExportArchive.WriteAsync(service.Exports, id, response.Body, cancellationToken).ConfigureAwait(false);
        OperationsLog.Call(logger, Operation, caller.ObjectId, id, "downloaded");
        return response;
    }
}
