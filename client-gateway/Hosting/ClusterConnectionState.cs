using Orleans;

namespace Parity.Gateway.Hosting;

/// <summary>
/// What a gateway process knows of its connection to the silo cluster: whether the Orleans client has started (it
/// connects in the background, see <see cref="ClusterClientConnector"/>) and how many silo gateways it is connected to
/// now, as Orleans reports them. Ready means started and connected to at least one gateway.
/// </summary>
internal sealed class ClusterConnectionState : IClusterConnectionStatusObserver
{
    private volatile bool _started;
    private int _connectedGateways;

    /// <summary>True once the Orleans client has started; before, it cannot address grains (it has no cluster manifest).</summary>
    public bool HasStarted => _started;

    /// <summary>Silo gateways the client is connected to now.</summary>
    public int ConnectedGateways => Volatile.Read(ref _connectedGateways);

    /// <summary>True when grain calls can reach the cluster.</summary>
    public bool IsReady => _started && ConnectedGateways > 0;

    public void MarkStarted() => _started = true;

    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered) =>
        Volatile.Write(ref _connectedGateways, currentNumberOfGateways);

    public void NotifyClusterConnectionLost() => Volatile.Write(ref _connectedGateways, 0);
}
