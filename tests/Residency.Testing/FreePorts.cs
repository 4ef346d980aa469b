using System.Net;
using System.Net.Sockets;

namespace Residency.Testing;

/// <summary>Free loopback TCP ports for test servers (Azurite, the custom handler).</summary>
public static class FreePorts
{
    /// <summary>A port free on 127.0.0.1 at the time of the call.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
