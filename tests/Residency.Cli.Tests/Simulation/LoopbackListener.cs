using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Residency.Cli.Tests.Simulation;

/// <summary>
/// A real HTTP/1.1 server on a free loopback port (plain sockets, one request per connection) that records every
/// request and answers from a script.
/// </summary>
internal sealed class LoopbackListener : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentQueue<int> _script = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly int _defaultStatus;

    public LoopbackListener(int defaultStatus = 201, string responseBody = "")
    {
        _defaultStatus = defaultStatus;
        ResponseBody = responseBody;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public Uri BaseUri => new($"http://127.0.0.1:{Port}/");

    public string ResponseBody { get; set; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Statuses to answer with, in order, before falling back to the default.</summary>
    public void Script(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _script.Enqueue(status);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                timeout.CancelAfter(TimeSpan.FromMinutes(1));
                var stream = client.GetStream();
                var request = await ReadRequestAsync(stream, timeout.Token);
                Requests.Enqueue(request);
                var status = _script.TryDequeue(out var scripted) ? scripted : _defaultStatus;
                var body = Encoding.UTF8.GetBytes(ResponseBody);
                var head = new StringBuilder()
                    .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {(HttpStatusCode)status}\r\n")
                    .Append("Content-Type: application/json\r\n")
                    .Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n")
                    .Append(status == 429 ? "Retry-After: 0\r\n" : "")
                    .Append("Connection: close\r\n\r\n");
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), timeout.Token);
                await stream.WriteAsync(body, timeout.Token);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or InvalidDataException)
            {
            }
        }
    }

    private static async Task<RecordedRequest> ReadRequestAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int headerEnd;
        while ((headerEnd = IndexOfHeaderEnd(buffer)) < 0)
        {
            var read = await stream.ReadAsync(chunk, cancellationToken);
            if (read == 0)
            {
                throw new InvalidDataException("The connection closed before the request headers ended.");
            }

            buffer.Write(chunk, 0, read);
        }

        var all = buffer.ToArray();
        var lines = Encoding.ASCII.GetString(all, 0, headerEnd).Split("\r\n");
        var requestLine = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        var body = new MemoryStream();
        body.Write(all, headerEnd + 4, all.Length - headerEnd - 4);
        var length = headers.TryGetValue("Content-Length", out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : 0;
        if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException("Chunked request bodies are not expected from these clients.");
        }

        while (body.Length < length)
        {
            var read = await stream.ReadAsync(chunk, cancellationToken);
            if (read == 0)
            {
                throw new InvalidDataException("The connection closed before the request body ended.");
            }

            body.Write(chunk, 0, read);
        }

        var host = headers.TryGetValue("Host", out var h) ? h : "127.0.0.1";
        return new RecordedRequest(requestLine[0], new Uri($"http://{host}{requestLine[1]}"), headers, body.ToArray());
    }

    private static int IndexOfHeaderEnd(MemoryStream buffer)
    {
        var data = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        return data.IndexOf("\r\n\r\n"u8);
    }
}

/// <summary>One request the listener received.</summary>
internal sealed record RecordedRequest(string Method, Uri Url, IReadOnlyDictionary<string, string> Headers, byte[] Body);
