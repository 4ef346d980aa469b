using Azure;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Residency.Storage.Clients;

/// <summary>
/// Runs every storage request of one store: at most a fixed number in flight across all callers, and failures that
/// are not the data's fault (no answer, throttling, 5xx, a refused identity, a missing container) turned into
/// <see cref="StorageUnavailableException"/> whose message names the operation and container only.
/// </summary>
// The gate is a SemaphoreSlim whose wait handle is never created, so there is nothing to dispose.
#pragma warning disable CA1001
internal sealed class StorageCalls(int maxConcurrency)
#pragma warning restore CA1001
{
    private readonly SemaphoreSlim _gate = new(maxConcurrency, maxConcurrency);

    public async Task<T> RunAsync<T>(
        string operation, string container, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await call(cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (IsUnavailable(e))
        {
            throw new StorageUnavailableException(
                $"Blob storage is unavailable: {operation} in container '{container}' failed with status {e.Status}" +
                $"{(e.ErrorCode is null ? string.Empty : $" ({e.ErrorCode})")} after retries.", e)
            {
                Status = e.Status,
                ErrorCode = e.ErrorCode,
            };
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StorageUnavailableException(
                $"Blob storage is unavailable: {operation} in container '{container}' timed out after retries.", e);
        }
        catch (AggregateException e) when (!cancellationToken.IsCancellationRequested)
        {
            // Azure.Core's retry policy aggregates the attempts' exceptions when every attempt threw (no answer at all).
            var last = e.InnerExceptions[^1];
            throw new StorageUnavailableException(
                $"Blob storage is unavailable: {operation} in container '{container}' failed after {e.InnerExceptions.Count} attempts " +
                $"({last.GetType().Name}).", e)
            {
                Status = last is RequestFailedException failed ? failed.Status : 0,
            };
        }
        catch (AuthenticationFailedException e)
        {
            throw new StorageUnavailableException(
                $"Blob storage is unavailable: no token for {operation} in container '{container}'.", e);
        }
        finally
        {
            _gate.Release();
        }
    }

    // No answer, throttling, server errors, a refused identity and a missing container: none is the data's fault,
    // so the batch fails and is retried once storage is back (or deployed).
    private static bool IsUnavailable(RequestFailedException e) =>
        e.Status is 0 or 401 or 403 or 408 or 429 or >= 500 || e.ErrorCode == "ContainerNotFound";

    /// <summary>Lists blobs page by page, each page a call of its own (gated, failures mapped).</summary>
    public async IAsyncEnumerable<BlobItem> ListAsync(
        BlobContainerClient container, string prefix, BlobTraits traits,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken,
        BlobStates states = BlobStates.None)
    {
        string? continuation = null;
        do
        {
            var token = continuation;
            var page = await RunAsync("list blobs", container.Name, async ct =>
            {
                await foreach (var p in container.GetBlobsAsync(new GetBlobsOptions { Traits = traits, States = states, Prefix = prefix }, ct)
                                   .AsPages(token, pageSizeHint: 1000).WithCancellation(ct).ConfigureAwait(false))
                {
                    return p;
                }

                return null;
            }, cancellationToken).ConfigureAwait(false);
            if (page is null)
            {
                yield break;
            }

            foreach (var item in page.Values)
            {
                yield return item;
            }

            continuation = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(continuation));
    }
}
