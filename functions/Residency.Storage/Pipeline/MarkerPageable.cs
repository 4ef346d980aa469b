using System.Runtime.CompilerServices;
using Azure;

namespace Residency.Storage.Pipeline;

/// <summary>An <see cref="AsyncPageable{T}"/> over a marker-continued Storage listing.</summary>
internal sealed class MarkerPageable<T> : AsyncPageable<T>
    where T : notnull
{
    private readonly Func<string?, int?, CancellationToken, Task<Page<T>>> _fetchPage;

    public MarkerPageable(Func<string?, int?, CancellationToken, Task<Page<T>>> fetchPage, CancellationToken cancellationToken)
        : base(cancellationToken) => _fetchPage = fetchPage;

    public override async IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
    {
        await foreach (var page in Pages(continuationToken, pageSizeHint, CancellationToken).ConfigureAwait(false))
        {
            yield return page;
        }
    }

    private async IAsyncEnumerable<Page<T>> Pages(
        string? marker, int? pageSizeHint, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        do
        {
            var page = await _fetchPage(marker, pageSizeHint, cancellationToken).ConfigureAwait(false);
            yield return page;
            marker = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(marker));
    }
}
