using Azure.Core;
using Azure.Core.Pipeline;

namespace Residency.Storage.Tests;

/// <summary>Thrown by <see cref="CrashAfterPolicy"/>: the process "dies" right after a request reached storage.</summary>
internal sealed class InjectedCrashException(int request) : Exception($"Injected crash after storage request {request}.");

/// <summary>
/// Lets every request reach Azurite, then throws right after request number <c>crashAfter</c> got its answer: a host
/// that dies after that write, whatever the write was. Counts every request.
/// </summary>
internal sealed class CrashAfterPolicy(int crashAfter) : HttpPipelinePolicy
{
    private int _requests;

    public int Requests => Volatile.Read(ref _requests);

    public List<string> Log { get; } = [];

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        After(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        After(message);
    }

    private void After(HttpMessage message)
    {
        var request = Interlocked.Increment(ref _requests);
        lock (Log)
        {
            Log.Add($"{message.Request.Method} {message.Request.Uri.Path} -> {message.Response.Status}");
        }

        if (request == crashAfter)
        {
            throw new InjectedCrashException(request);
        }
    }
}
