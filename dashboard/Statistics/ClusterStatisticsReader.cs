using Microsoft.Extensions.Options;
using Parity.Dashboard.Hosting;
using Parity.Runtime;
using Parity.Runtime.Statistics;

namespace Parity.Dashboard.Statistics;

/// <summary>
/// Reads the cluster statistics grain at most once per <see cref="DashboardOptions.StatisticsCacheDuration"/>: every
/// API request and every open browser share that one call, so the dashboard's load on the cluster does not grow with
/// its audience.
/// </summary>
internal sealed class ClusterStatisticsReader(IGrainFactory grains, IOptions<DashboardOptions> options, TimeProvider time)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (ClusterStatisticsView View, DateTimeOffset ReadAt)? _cached;

    public async Task<ClusterStatisticsView> ReadAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } hit)
        {
            return hit;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } again)
            {
                return again;
            }

            var view = await grains.GetGrain<IClusterStatisticsGrain>(IClusterStatisticsGrain.ClusterKey).GetAsync().WaitAsync(cancellationToken);
            _cached = (view, time.GetUtcNow());
            return view;
        }
        finally
        {
            _gate.Release();
        }
    }

    private ClusterStatisticsView? Fresh() =>
        _cached is { } c && time.GetUtcNow() - c.ReadAt < options.Value.StatisticsCacheDuration ? c.View : null;
}
