using System.Net;
using Residency.Development;

namespace Residency.Cli.Bench;

/// <summary>A local OTLP/HTTP endpoint that accepts every export and answers 200, so the bench pays the SDK's whole export path.</summary>
internal sealed class OtlpSink : IDisposable
{
    private readonly HttpListener _listener = new();
    private long _requests;

    private OtlpSink(int port)
    {
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Endpoint.AbsoluteUri);
    }

    public Uri Endpoint { get; }

    public long Requests => Interlocked.Read(ref _requests);

    public static OtlpSink Start()
    {
        var sink = new OtlpSink(FreePort.Next());
        sink._listener.Start();
        _ = sink.ServeAsync();
        return sink;
    }

    public void Dispose() => _listener.Close();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            await context.Request.InputStream.CopyToAsync(Stream.Null);
            Interlocked.Increment(ref _requests);
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }
}
