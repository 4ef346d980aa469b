using System.Net;
using System.Web;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging;
using Residency.Operations.Configuration;
using Residency.Operations.Http;
using Residency.Operations.Requests;

namespace Residency.Operations.Functions;

/// <summary><c>GET /api/subject-requests[?overdue=true]</c>: every request, or the open ones near or past the deadline.</summary>
public sealed class ListSubjectRequests(SubjectRequestService service, OperationsEnvironment environment, ILogger<ListSubjectRequests> logger)
{
    private const string Operation = "list";

    /// <summary>The function.</summary>
    [Function(nameof(ListSubjectRequests))]
    public async Task<HttpResponseData> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "subject-requests")] HttpRequestData request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (caller, refusal) = await Gate.CheckAsync(request, environment, logger, Operation).ConfigureAwait(false);
        if (caller is null)
        {
            return refusal!;
        }

        var overdueText = HttpUtility.ParseQueryString(request.Url.Query)["overdue"];
        if (overdueText is not (null or "true" or "false"))
        {
            return await Answers.ErrorAsync(request, HttpStatusCode.BadRequest, "'overdue' must be true or false.").ConfigureAwait(false);
        }

        var overdueOnly = overdueText == "true";
        var views = await service.ListAsync(overdueOnly, cancellationToken).ConfigureAwait(false);
        OperationsLog.Listed(logger, caller.ObjectId, views.Count);
        return await Answers.JsonAsync(request, HttpStatusCode.OK, w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("overdueOnly", overdueOnly);
            w.WriteStartArray("requests");
            foreach (var view in views)
            {
                SubjectRequestJson.Write(w, view, withReceipt: false);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }
}
