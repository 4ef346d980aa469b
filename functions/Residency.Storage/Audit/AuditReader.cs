using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Residency.Storage.Batches;
using Residency.Storage.Clients;
using Residency.Storage.Ledger;

namespace Residency.Storage.Audit;

/// <summary>
/// The reads of one verification run, through one request gate: downloads, listings (flat and by folder), and the
/// day summaries and deletion receipts of a day, each read once per run however many checks need them.
/// </summary>
internal sealed class AuditReader(BlobServiceClient service, StorageCalls calls)
{
    private readonly ConcurrentDictionary<(DateOnly, string), Task<SummaryRead>> _summaries = new();
    private readonly ConcurrentDictionary<DateOnly, Task<IReadOnlyList<ReceiptRef>>> _receipts = new();

    public BlobContainerClient Container(string name) => service.GetBlobContainerClient(name);

    /// <summary>The run's request gate.</summary>
    public StorageCalls Calls => calls;

    public async Task<ReadOnlyMemory<byte>?> DownloadAsync(string container, string name, CancellationToken cancellationToken)
    {
        var blob = Container(container).GetBlobClient(name);
        try
        {
            var download = await calls.RunAsync("read blob", container, ct => blob.DownloadContentAsync(ct), cancellationToken).ConfigureAwait(false);
            return download.Value.Content.ToMemory();
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlobNotFound)
        {
            return null;
        }
    }

    public IAsyncEnumerable<BlobItem> ListAsync(string container, string prefix, CancellationToken cancellationToken, BlobTraits traits = BlobTraits.None) =>
        calls.ListAsync(Container(container), prefix, traits, cancellationToken);

    /// <summary>The folders directly under <paramref name="prefix"/> (<c>commits/2026/</c> gives <c>commits/2026/12/</c>, ...).</summary>
    public async Task<IReadOnlyList<string>> FoldersAsync(string container, string prefix, CancellationToken cancellationToken)
    {
        var client = Container(container);
        var folders = new List<string>();
        string? continuation = null;
        do
        {
            var token = continuation;
            var page = await calls.RunAsync("list folders", container, async ct =>
            {
                await foreach (var p in client.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, "/", prefix, ct)
                                   .AsPages(token, pageSizeHint: 1000).WithCancellation(ct).ConfigureAwait(false))
                {
                    return p;
                }

                return null;
            }, cancellationToken).ConfigureAwait(false);
            if (page is null)
            {
                break;
            }

            folders.AddRange(page.Values.Where(v => v.IsPrefix).Select(v => v.Prefix));
            continuation = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(continuation));

        return folders;
    }

    /// <summary>The day summary of a partition, read once per run.</summary>
    public Task<SummaryRead> SummaryAsync(DateOnly day, string partitionId, CancellationToken cancellationToken) =>
        _summaries.GetOrAdd((day, partitionId), key => ReadSummaryAsync(key.Item1, key.Item2, cancellationToken));

    /// <summary>The deletion receipts completed on a day (names and SHA-256 from their metadata), listed once per run.</summary>
    public Task<IReadOnlyList<ReceiptRef>> ReceiptsOfAsync(DateOnly day, CancellationToken cancellationToken) =>
        _receipts.GetOrAdd(day, async d =>
        {
            var receipts = new List<ReceiptRef>();
            await foreach (var item in ListAsync(ResidencyContainers.Audit, BlobLayout.ReceiptsPrefix(d), cancellationToken, BlobTraits.Metadata)
                               .ConfigureAwait(false))
            {
                receipts.Add(new ReceiptRef(item.Name, item.Metadata.TryGetValue(LevelBlobMetadata.Sha256, out var sha256) ? sha256 : string.Empty));
            }

            return (IReadOnlyList<ReceiptRef>)receipts;
        });

    private async Task<SummaryRead> ReadSummaryAsync(DateOnly day, string partitionId, CancellationToken cancellationToken)
    {
        var name = BlobLayout.DaySummaryName(day, partitionId);
        if (await DownloadAsync(ResidencyContainers.Audit, name, cancellationToken).ConfigureAwait(false) is not { } bytes)
        {
            return new SummaryRead(name, null, false);
        }

        try
        {
            var summary = DaySummary.Read(bytes.Span);
            return summary.Day == day && summary.Totals.PartitionId == partitionId ? new SummaryRead(name, summary, false) : new SummaryRead(name, null, true);
        }
        catch (FormatException)
        {
            return new SummaryRead(name, null, true);
        }
    }
}

/// <summary>A day summary as read: absent, unreadable (or not the day and partition its name says), or read.</summary>
internal sealed record SummaryRead(string Name, DaySummary? Summary, bool Malformed)
{
    public bool Exists => Summary is not null || Malformed;
}
