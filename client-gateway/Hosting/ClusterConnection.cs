using Microsoft.Extensions.Options;
using Parity.Grains;
using Parity.GrainInterfaces.Inventory;
using Parity.Runtime;
using Parity.Runtime.Hosting;

namespace Parity.Gateway.Hosting;

/// <summary>
/// The grain factory of a gateway process: a cluster client connected in the background, so the gateway starts
/// (and answers 503 and not-ready) while the cluster is still unreachable, and serves as soon as it is connected.
/// </summary>
internal sealed partial class ClusterConnection(
    IOptions<ClusterConnectionOptions> options, ILoggerFactory loggerFactory, TimeProvider timeProvider) : IGrainFactory, IHostedService, IAsyncDisposable
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<ClusterConnection>();
    private readonly CancellationTokenSource _stopping = new();
    private volatile IClusterClient? _client;
    private Task? _connecting;

    /// <summary>Whether the client is connected and sees at least one Active silo.</summary>
    public bool IsReady => _client is { View.ActiveSilos.Count: > 0 };

    /// <summary>The silos the client sees, for the readiness answer.</summary>
    public int ActiveSilos => _client?.View.ActiveSilos.Count ?? 0;

    public TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey =>
        (_client ?? throw new SiloUnavailableException("cluster", "the gateway has not connected to the cluster yet")).GetGrain<TGrainInterface>(key);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _connecting = ConnectAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_connecting is not null)
        {
            await _connecting.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Dispose();
        if (_client is { } client)
        {
            await client.DisposeAsync();
        }
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var builder = new ClusterClientBuilder()
            .AddGrainAssembly(typeof(IInventoryPositionGrain).Assembly)
            .AddGrainAssembly(typeof(GrainsAssembly).Assembly)
            .UseLoggerFactory(loggerFactory)
            .UseTimeProvider(timeProvider);
        builder.Options.ClusterId = o.ClusterId;
        if (!string.IsNullOrEmpty(o.PostgresConnectionString))
        {
            builder.UsePostgresClustering(o.PostgresConnectionString);
        }
        else
        {
            builder.UseStaticGateways(o.Gateways.Count > 0 ? [.. o.Gateways] : ["127.0.0.1:11111"]);
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                _client = await builder.ConnectAsync(cancellationToken);
                LogConnected(_logger, o.ClusterId, _client.View.ActiveSilos.Count);
                return;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                LogConnectFailed(_logger, e, o.ClusterId, o.ConnectRetryDelay);
                await Task.Delay(o.ConnectRetryDelay, timeProvider, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to cluster '{ClusterId}' ({Silos} active silos in view)")]
    private static partial void LogConnected(ILogger logger, string clusterId, int silos);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connecting to cluster '{ClusterId}' failed; retrying in {Delay}")]
    private static partial void LogConnectFailed(ILogger logger, Exception exception, string clusterId, TimeSpan delay);
}
