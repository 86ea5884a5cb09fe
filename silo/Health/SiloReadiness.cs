namespace Parity.Silo.Health;

/// <summary>
/// Whether this silo serves: ready from the moment the Orleans silo reaches <see cref="ServiceLifecycleStage.Active"/>
/// (it joined the cluster and takes calls) until it starts to stop, which is the first thing a stopping silo does
/// at that stage, so a load balancer stops sending before the silo leaves.
/// </summary>
internal sealed partial class SiloReadiness(ILocalSiloDetails silo, SiloSettings settings, ILogger<SiloReadiness> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private volatile SiloPhase _phase = SiloPhase.Starting;

    public SiloPhase Phase => _phase;

    public bool IsReady => _phase == SiloPhase.Active;

    /// <summary>The silo's address in the cluster (<c>S127.0.0.1:11111:...</c>).</summary>
    public SiloAddress Address => silo.SiloAddress;

    public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(nameof(SiloReadiness), ServiceLifecycleStage.Active, OnActiveAsync, OnStoppingAsync);

    private Task OnActiveAsync(CancellationToken cancellationToken)
    {
        _phase = SiloPhase.Active;
        LogListening(logger, silo.SiloAddress.Endpoint, settings.GatewayPort);
        return Task.CompletedTask;
    }

    private Task OnStoppingAsync(CancellationToken cancellationToken)
    {
        _phase = SiloPhase.Stopping;
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo listens on {Endpoint} (client gateway port {GatewayPort}) and is active")]
    private static partial void LogListening(ILogger logger, System.Net.IPEndPoint endpoint, int gatewayPort);
}

/// <summary>Where a silo is in its life, as readiness reports it.</summary>
internal enum SiloPhase
{
    Starting,
    Active,
    Stopping,
}
