using Orleans;
using Orleans.Runtime;

namespace Parity.Gateway.Hosting;

/// <summary>
/// Refuses grain calls of a gateway process whose Orleans client has not connected yet with Orleans' own
/// <see cref="SiloUnavailableException"/> (answered 503 with Retry-After), where the unstarted client could not send
/// them at all.
/// </summary>
internal sealed class ClusterConnectionGuard(ClusterConnectionState state) : IOutgoingGrainCallFilter
{
    public Task Invoke(IOutgoingGrainCallContext context) => state.HasStarted
        ? context.Invoke()
        : Task.FromException(new SiloUnavailableException("The gateway has not reached its cluster yet; it keeps trying in the background."));
}
