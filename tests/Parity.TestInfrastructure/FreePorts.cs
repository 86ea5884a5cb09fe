using System.Net;
using System.Net.Sockets;

namespace Parity.TestInfrastructure;

/// <summary>Loopback ports nothing listens on right now, for silos and gateways a test starts itself (shared by the test projects).</summary>
public static class FreePorts
{
    /// <summary><paramref name="count"/> distinct ports the system handed out and released.</summary>
    public static int[] Take(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(static l => l.Start());
            return [.. listeners.Select(static l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(static l => l.Stop());
        }
    }
}
