namespace Parity.Runtime.Statistics;

/// <summary>
/// Holds the latest snapshot of each silo and five minutes of history in memory. Silos that stop publishing are
/// shown as stale, then dropped; silos the membership view declared gone are shown as dead until dropped.
/// </summary>
[GrainType("parity.cluster-statistics")]
internal sealed class ClusterStatisticsGrain : Grain, IClusterStatisticsGrain
{
    /// <summary>Points kept per series: five minutes at one a second.</summary>
    public const int HistoryLength = 300;

    private static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan DropAfter = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, SiloSeries> _silos = new(StringComparer.Ordinal);
    private readonly Queue<StatisticsPoint> _cluster = new();
    private DateTimeOffset _lastClusterPoint;

    public Task PublishAsync(SiloStatisticsSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var now = TimeProvider.GetUtcNow();
        if (!_silos.TryGetValue(snapshot.Silo, out var series))
        {
            series = new SiloSeries();
            _silos[snapshot.Silo] = series;
        }

        series.Latest = snapshot;
        series.ReceivedAt = now;
        Append(series.History, StatisticsPoint.From(snapshot));

        // One cluster point a second, from whichever silo's snapshot arrives first in that second.
        if (now - _lastClusterPoint >= TimeSpan.FromSeconds(1))
        {
            _lastClusterPoint = now;
            Prune(now);
            var live = _silos.Values.Where(s => now - s.ReceivedAt < StaleAfter).Select(s => s.Latest!).ToList();
            Append(_cluster, new StatisticsPoint(now, live.Sum(s => s.CallsPerSecond), live.Sum(s => s.ErrorsPerSecond),
                live.Count == 0 ? 0 : live.Max(s => s.RecentP99Ms), live.Sum(s => s.CpuPercent), live.Sum(s => s.WorkingSetBytes),
                live.Sum(s => s.Activations), live.Sum(s => s.Storage.AppendsPerSecond), live.Count == 0 ? 0 : live.Max(s => s.Storage.RecentP99Ms)));
        }

        return Task.CompletedTask;
    }

    public Task<ClusterStatisticsView> GetAsync()
    {
        var now = TimeProvider.GetUtcNow();
        Prune(now);
        var active = Activation.Silo.Placement.View.ActiveSilos.Select(a => a.ToString()).ToHashSet(StringComparer.Ordinal);
        // Fresh lists: in-process callers get these objects themselves, and the queues keep changing.
        var silos = _silos.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new SiloStatisticsEntry(kv.Value.Latest!, kv.Value.ReceivedAt,
                !active.Contains(kv.Key) ? "Dead" : now - kv.Value.ReceivedAt >= StaleAfter ? "Stale" : kv.Value.Latest!.Status,
                kv.Value.History.ToArray()))
            .ToList();
        return Task.FromResult(new ClusterStatisticsView(now, silos, _cluster.ToArray()));
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (silo, series) in _silos.ToList())
        {
            if (now - series.ReceivedAt >= DropAfter)
            {
                _silos.Remove(silo);
            }
        }
    }

    private static void Append(Queue<StatisticsPoint> series, StatisticsPoint point)
    {
        series.Enqueue(point);
        while (series.Count > HistoryLength)
        {
            series.Dequeue();
        }
    }

    private sealed class SiloSeries
    {
        public SiloStatisticsSnapshot? Latest;
        public DateTimeOffset ReceivedAt;
        public readonly Queue<StatisticsPoint> History = new();
    }
}
