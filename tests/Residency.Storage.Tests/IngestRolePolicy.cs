using System.Collections.Concurrent;
using System.Web;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Residency.Storage.Tests;

/// <summary>
/// Enforces, in the client's pipeline, the data actions the ingest identity holds in Azure (infra/modules/
/// roleAssignments.bicep, pinned by IngestLeastPrivilegeTests): a request that needs any other action is refused with
/// 403 as Azure Storage would, and recorded. Azurite itself authorises nothing, so this is how the tests show the
/// ingest code works within those roles.
/// </summary>
internal sealed class IngestRolePolicy : HttpPipelinePolicy
{
    private const string Blobs = "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/";

    private static readonly string[] Writer = [Blobs + "write", Blobs + "delete", Blobs + "tags/read", Blobs + "tags/write"];
    private static readonly string[] Ledger = [Blobs + "read", Blobs + "write", Blobs + "tags/write"];

    private static readonly Dictionary<string, string[]> RolesByContainer = new(StringComparer.Ordinal)
    {
        [ResidencyContainers.General] = Writer,
        [ResidencyContainers.Personal] = Writer,
        [ResidencyContainers.Sensitive] = Writer,
        [ResidencyContainers.Important] = Writer,
        [ResidencyContainers.Quarantine] = Writer,
        [ResidencyContainers.Index] = Ledger,
        [ResidencyContainers.Audit] = Ledger,
    };

    /// <summary>Every refused request: method, container and the action it needed.</summary>
    public ConcurrentBag<string> Refused { get; } = [];

    /// <summary>Every granted (container, action) pair seen.</summary>
    public ConcurrentDictionary<string, byte> Granted { get; } = new(StringComparer.Ordinal);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Authorize(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Authorize(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Authorize(HttpMessage message)
    {
        var request = message.Request;
        var segments = request.Uri.Path.Split('/', 3, StringSplitOptions.RemoveEmptyEntries);
        var container = segments.Length > 1 ? segments[1] : "(account)";
        var needed = ActionsNeeded(request, isBlob: segments.Length == 3);
        var held = RolesByContainer.GetValueOrDefault(container, []);
        foreach (var action in needed)
        {
            if (!held.Contains(action))
            {
                Refused.Add($"{request.Method} {container}: {action}");
                throw new RequestFailedException(403, "This request is not authorized to perform this operation using this permission.",
                    "AuthorizationPermissionMismatch", null);
            }

            Granted.TryAdd($"{container} {action[Blobs.Length..]}", 0);
        }
    }

    // The data actions a Blob REST request needs (Azure Storage's authorization for Entra ID callers).
    private static List<string> ActionsNeeded(Request request, bool isBlob)
    {
        var query = HttpUtility.ParseQueryString(request.Uri.Query);
        var comp = query["comp"];
        if (!isBlob)
        {
            // Listing a container's blobs is a read of its blobs; anything else on a container is a control action.
            return request.Method == RequestMethod.Get && query["restype"] == "container" && comp == "list"
                ? [Blobs + "read"]
                : ["Microsoft.Storage/storageAccounts/blobServices/containers/" + request.Method.Method.ToLowerInvariant()];
        }

        if (request.Method == RequestMethod.Delete)
        {
            return [query["versionid"] is null ? Blobs + "delete" : Blobs + "deleteBlobVersion/action"];
        }

        if (request.Method == RequestMethod.Put)
        {
            if (comp == "tags")
            {
                return [Blobs + "tags/write"];
            }

            return request.Headers.TryGetValue("x-ms-tags", out _) ? [Blobs + "write", Blobs + "tags/write"] : [Blobs + "write"];
        }

        return [comp == "tags" ? Blobs + "tags/read" : Blobs + "read"];
    }
}
