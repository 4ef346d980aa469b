using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Residency.Storage;

namespace Residency.Operations.Requests;

/// <summary>
/// The request records and outcomes in the write-once audit container: <c>subject-requests/{id}/request.json</c> and
/// <c>subject-requests/{id}/outcome.json</c>, each created with If-None-Match: * and never rewritten. Names hold the
/// request id only (a hash of the ticket), never a VIN or vehicle key.
/// </summary>
public sealed class SubjectRequestStore(BlobServiceClient service)
{
    /// <summary>The folder of all request records in <c>vehicle-audit</c>.</summary>
    public const string Root = "subject-requests/";

    private readonly BlobContainerClient _audit = service.GetBlobContainerClient(ResidencyContainers.Audit);

    /// <summary>The record's name in <c>vehicle-audit</c>.</summary>
    public static string RecordName(string requestId) => $"{Root}{requestId}/request.json";

    /// <summary>The outcome's name in <c>vehicle-audit</c>.</summary>
    public static string OutcomeName(string requestId) => $"{Root}{requestId}/outcome.json";

    /// <summary>Writes the record unless one exists; returns the stored record (the existing one when the id was taken).</summary>
    public async Task<(SubjectRequestRecord Record, bool Created)> CreateAsync(SubjectRequestRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (await CreateOnceAsync(RecordName(record.RequestId), record.ToUtf8Json(), record.RequestId, cancellationToken).ConfigureAwait(false))
        {
            return (record, true);
        }

        var existing = await ReadRecordAsync(record.RequestId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("A request record was reported as existing but cannot be read.");
        return (existing, false);
    }

    /// <summary>Writes the outcome unless one exists; returns the stored outcome.</summary>
    public async Task<SubjectRequestOutcome> CompleteAsync(SubjectRequestOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (await CreateOnceAsync(OutcomeName(outcome.RequestId), outcome.ToUtf8Json(), outcome.RequestId, cancellationToken).ConfigureAwait(false))
        {
            return outcome;
        }

        return await ReadOutcomeAsync(outcome.RequestId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("An outcome was reported as existing but cannot be read.");
    }

    /// <summary>The record of a request, or null when there is none.</summary>
    public async Task<SubjectRequestRecord?> ReadRecordAsync(string requestId, CancellationToken cancellationToken) =>
        await ReadAsync(RecordName(requestId), cancellationToken).ConfigureAwait(false) is { } content ? SubjectRequestRecord.Read(content.Span) : null;

    /// <summary>The outcome of a request, or null while it is open.</summary>
    public async Task<SubjectRequestOutcome?> ReadOutcomeAsync(string requestId, CancellationToken cancellationToken) =>
        await ReadAsync(OutcomeName(requestId), cancellationToken).ConfigureAwait(false) is { } content ? SubjectRequestOutcome.Read(content.Span) : null;

    /// <summary>A document of the audit container (a receipt), or null when there is none.</summary>
    public Task<ReadOnlyMemory<byte>?> ReadAuditDocumentAsync(string name, CancellationToken cancellationToken) => ReadAsync(name, cancellationToken);

    /// <summary>The ids of every request recorded, with whether it has an outcome: one listing, no download.</summary>
    public async Task<IReadOnlyList<(string RequestId, bool Completed)>> ListAsync(CancellationToken cancellationToken)
    {
        var requests = new SortedDictionary<string, bool>(StringComparer.Ordinal);
        await foreach (var item in _audit.GetBlobsAsync(new GetBlobsOptions { Prefix = Root }, cancellationToken).ConfigureAwait(false))
        {
            var parts = item.Name[Root.Length..].Split('/');
            if (parts.Length != 2 || !SubjectRequestIds.IsWellFormed(parts[0]))
            {
                continue;
            }

            requests[parts[0]] = requests.GetValueOrDefault(parts[0]) || parts[1] == "outcome.json";
        }

        return requests.Select(r => (r.Key, r.Value)).ToList();
    }

    private async Task<bool> CreateOnceAsync(string name, byte[] content, string requestId, CancellationToken cancellationToken)
    {
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            Tags = new Dictionary<string, string>(StringComparer.Ordinal) { ["category"] = "subject-request", ["request"] = requestId },
        };
        try
        {
            await _audit.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(content), options, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlobAlreadyExists || e.Status == 409)
        {
            return false;
        }
    }

    private async Task<ReadOnlyMemory<byte>?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var download = await _audit.GetBlobClient(name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return download.Value.Content.ToMemory();
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlobNotFound || e.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            return null;
        }
    }
}
