using System.Net;
using System.Net.Sockets;

namespace Residency.Development;

/// <summary>A TCP port free on 127.0.0.1 when asked (another process may still take it first: callers retry).</summary>
public static class FreePort
{
    /// <summary>A port free on 127.0.0.1 at the time of the call.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
