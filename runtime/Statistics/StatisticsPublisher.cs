using Microsoft.Extensions.Logging;
using Parity.Runtime.Hosting;

namespace Parity.Runtime.Statistics;

/// <summary>
/// Samples the silo's statistics once a period and sends the snapshot to the cluster statistics grain: the only
/// place where rates and recent percentiles are computed, so reading them (a dashboard, many dashboards) costs the
/// silo nothing more. A publish still in flight makes the next tick skip rather than queue.
/// </summary>
internal sealed partial class StatisticsPublisher : IDisposable
{
    private readonly Silo _silo;
    private readonly ILogger _logger;
    private ITimer? _timer;
    private int _publishing;

    public StatisticsPublisher(Silo silo)
    {
        _silo = silo;
        _logger = silo.LoggerFactory.CreateLogger<StatisticsPublisher>();
    }

    public void Start(TimeSpan period) => _timer = _silo.TimeProvider.CreateTimer(static s => _ = ((StatisticsPublisher)s!).PublishAsync(), this, period, period);

    public async Task PublishAsync()
    {
        if (Interlocked.Exchange(ref _publishing, 1) != 0)
        {
            return;
        }

        try
        {
            if (_silo.Status != Membership.SiloStatus.Active)
            {
                return;
            }

            var snapshot = _silo.StatisticsInternal.GetSnapshot(_silo.Options.StatisticsTopGrains);
            await _silo.GrainFactory.GetGrain<IClusterStatisticsGrain>(IClusterStatisticsGrain.ClusterKey).PublishAsync(snapshot);
        }
        catch (Exception e)
        {
            // The grain may be moving between silos; the next tick publishes again.
            LogPublishFailed(_logger, e);
        }
        finally
        {
            Volatile.Write(ref _publishing, 0);
        }
    }

    public void Dispose() => _timer?.Dispose();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Publishing statistics to the cluster statistics grain failed; retrying at the next tick")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception);
}
