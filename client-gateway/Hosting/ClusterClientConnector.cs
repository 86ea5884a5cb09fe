namespace Parity.Gateway.Hosting;

/// <summary>
/// Starts the Orleans client of a gateway process in the background instead of inside the host's start, which would
/// keep the HTTP server from listening until the cluster answers. The hosted services <c>UseOrleansClient</c>
/// registered are handed to this one: it starts them in order (their connection attempts retried by
/// <see cref="ClusterConnectionRetryFilter"/>), marks <see cref="ClusterConnectionState"/> started, and stops them in
/// reverse order when the host stops.
/// </summary>
internal sealed partial class ClusterClientConnector(
    IReadOnlyList<ServiceDescriptor> clientServices,
    IServiceProvider services,
    ClusterConnectionState state,
    ClusterClientSettings settings,
    ILogger<ClusterClientConnector> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<IHostedService> _started = [];
    private Task _connecting = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Resolved now, so a client that cannot even be built (its configuration validators throw) fails the start.
        var hosted = clientServices.Select(Resolve).ToList();
        _connecting = Task.Run(() => ConnectAsync(hosted, _stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _connecting.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        List<IHostedService> started;
        lock (_started)
        {
            started = [.. _started];
        }

        for (var i = started.Count - 1; i >= 0; i--)
        {
            try
            {
                await started[i].StopAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The others must still stop; a client whose start never finished may have little to stop.
                LogStopFailed(logger, e, started[i].GetType().Name);
            }
        }
    }

    public void Dispose() => _stopping.Dispose();

    private async Task ConnectAsync(List<IHostedService> hosted, CancellationToken cancellationToken)
    {
        LogConnecting(logger, settings.Describe());
        foreach (var service in hosted)
        {
            lock (_started)
            {
                // Stopped too, should the start be cancelled half-way: it may hold connections already.
                _started.Add(service);
            }

            try
            {
                await service.StartAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The retry filter retries every connection failure, so this is a client that cannot work at all.
                LogStartFailed(logger, e, settings.Describe());
                return;
            }
        }

        state.MarkStarted();
        LogConnected(logger, settings.Describe(), state.ConnectedGateways);
    }

    private IHostedService Resolve(ServiceDescriptor descriptor) => (IHostedService)(
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));

    [LoggerMessage(Level = LogLevel.Information, Message = "Connecting to {Cluster} in the background; grain calls answer 503 until connected")]
    private static partial void LogConnecting(ILogger logger, string cluster);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to {Cluster} ({Gateways} silo gateways)")]
    private static partial void LogConnected(ILogger logger, string cluster, int gateways);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping {Service} failed")]
    private static partial void LogStopFailed(ILogger logger, Exception exception, string service);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The Orleans client for {Cluster} could not start; the gateway stays not ready")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, string cluster);
}
