using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Residency.Functions.Tests.Infrastructure;

/// <summary>A "storage endpoint" on loopback that accepts every connection, reads what it is sent and never answers.</summary>
internal sealed class SilentStorage : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<TcpClient> _clients = [];
    private readonly Task _accepting;

    public SilentStorage()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Connections => _clients.Count;

    public string ConnectionString =>
        $"AccountName=devstoreaccount1;AccountKey={Residency.Storage.StorageConnectionString.DevelopmentAccountKey};BlobEndpoint=http://127.0.0.1:{Port}/devstoreaccount1";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _clients.Add(client);
            _ = DrainAsync(client);
        }
    }

    // Read and drop the request so the client is not blocked sending; never write a byte back.
    private async Task DrainAsync(TcpClient client)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            var stream = client.GetStream();
            while (await stream.ReadAsync(buffer, _stop.Token) > 0)
            {
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
    }
}
