using System.Net;
using System.Net.Sockets;

namespace Parity.Cluster.Tests.Processes;

/// <summary>
/// The three loopback ports of one silo process: HTTP (health, gateway API), silo-to-silo and Orleans gateway.
/// Orleans advertises concrete ports in its membership table, so each process gets free ones chosen here.
/// </summary>
internal sealed record SiloPorts(int Http, int Silo, int Gateway)
{
    private static readonly HashSet<int> s_handedOut = [];

    /// <summary>Three ports free right now and never handed out before in this test process.</summary>
    public static SiloPorts Allocate() => new(FreePort(), FreePort(), FreePort());

    private static int FreePort()
    {
        while (true)
        {
            // The port is released again before the silo binds it; another process could take it in between, which
            // the silo would report as a failed start (with its log), not as a wrong test result.
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            lock (s_handedOut)
            {
                if (s_handedOut.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
