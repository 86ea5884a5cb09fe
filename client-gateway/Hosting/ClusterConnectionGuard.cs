using Orleans;
using Orleans.Runtime;

namespace Parity.Gateway.Hosting;

/// <summary>
/// Refuses the application's grain calls of a gateway process whose Orleans client has not finished connecting, with
/// Orleans' own <see cref="SiloUnavailableException"/> (answered 503 with Retry-After), where the unstarted client could
/// not send them at all. Calls to system targets pass: the client makes them itself while it connects (the cluster
/// manifest).
/// </summary>
internal sealed class ClusterConnectionGuard(ClusterConnectionState state) : IOutgoingGrainCallFilter
{
    public Task Invoke(IOutgoingGrainCallContext context) => state.HasStarted || SystemTargetGrainId.TryParse(context.TargetId, out _)
        ? context.Invoke()
        : Task.FromException(new SiloUnavailableException("The gateway has not reached its cluster yet; it keeps trying in the background."));
}
