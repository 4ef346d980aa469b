using Azure.Core;
using Azure.Core.Pipeline;

namespace Residency.Storage.Tests;

/// <summary>
/// Lets the first write into <c>vehicle-general</c> reach Azurite, then drops its answer as a broken connection
/// would, so the client retries it. <c>before</c>, when given, first writes a blob of that name itself.
/// </summary>
internal sealed class LoseFirstLevelWriteAnswer(Action<string, string>? before) : HttpPipelinePolicy
{
    private int _dropped;

    public int Dropped => Volatile.Read(ref _dropped);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var segments = message.Request.Uri.Path.Split('/', 3, StringSplitOptions.RemoveEmptyEntries);
        var first = message.Request.Method == RequestMethod.Put && segments.Length == 3 && segments[1] == ResidencyContainers.General
            && Interlocked.CompareExchange(ref _dropped, 1, 0) == 0;
        if (first)
        {
            before?.Invoke(segments[1], Uri.UnescapeDataString(segments[2]));
        }

        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        if (first)
        {
            throw new IOException("Injected: the connection broke before the answer arrived.");
        }
    }
}
