using Parity.Runtime.Statistics;

namespace Parity.Dashboard.Statistics;

/// <summary>Shapes the cluster statistics into the pages' JSON. Cluster figures are sums over the live silos; a
/// cluster percentile is the highest of the silos' (histograms are not shipped, so this errs on the slow side). The
/// overview carries the cluster's history only (the page charts that); each silo's stays in the grain's view.</summary>
internal static class DashboardViews
{
    public static object Overview(ClusterStatisticsView view)
    {
        var live = view.Silos.Where(IsLive).Select(s => s.Latest).ToList();
        return new
        {
            view.Timestamp,
            totals = new
            {
                silos = view.Silos.Count,
                activeSilos = live.Count,
                activations = live.Sum(s => s.Activations),
                callsPerSecond = live.Sum(s => s.CallsPerSecond),
                errorsPerSecond = live.Sum(s => s.ErrorsPerSecond),
                errorRate = ErrorRate(live.Sum(s => s.CallsPerSecond), live.Sum(s => s.ErrorsPerSecond)),
                p99Ms = live.Count == 0 ? 0 : live.Max(s => s.RecentP99Ms),
                cpuPercent = live.Sum(s => s.CpuPercent),
                workingSetBytes = live.Sum(s => s.WorkingSetBytes),
                totalCalls = live.Sum(s => s.TotalCalls),
                totalErrors = live.Sum(s => s.TotalErrors),
                overloads = live.Sum(s => s.Overloads),
            },
            silos = view.Silos.Select(e => new
            {
                silo = e.Latest.Silo,
                status = e.Status,
                e.ReceivedAt,
                e.Latest.CpuPercent,
                e.Latest.WorkingSetBytes,
                e.Latest.GcHeapBytes,
                e.Latest.Activations,
                e.Latest.CallsPerSecond,
                e.Latest.ErrorsPerSecond,
                errorRate = ErrorRate(e.Latest.CallsPerSecond, e.Latest.ErrorsPerSecond),
                p50Ms = e.Latest.RecentP50Ms,
                p99Ms = e.Latest.RecentP99Ms,
                e.Latest.TotalCalls,
                e.Latest.TotalErrors,
                e.Latest.Overloads,
            }),
            history = view.History,
        };
    }

    public static object GrainTypes(ClusterStatisticsView view)
    {
        var live = view.Silos.Where(IsLive).Select(s => s.Latest).ToList();
        var types = live.SelectMany(s => s.GrainTypes.Select(t => (s.Silo, Type: t)))
            .GroupBy(x => x.Type.GrainType, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new
            {
                grainType = g.Key,
                activations = g.Sum(x => x.Type.Activations),
                calls = g.Sum(x => x.Type.Calls),
                errors = g.Sum(x => x.Type.Errors),
                callsPerSecond = g.Sum(x => x.Type.CallsPerSecond),
                errorsPerSecond = g.Sum(x => x.Type.ErrorsPerSecond),
                bySilo = g.Select(x => new { silo = x.Silo, x.Type.Activations, x.Type.CallsPerSecond, x.Type.Calls, x.Type.Errors }),
            });
        var methods = live.SelectMany(s => s.Methods)
            .GroupBy(m => (m.GrainType, m.Method))
            .OrderBy(g => g.Key.GrainType, StringComparer.Ordinal).ThenBy(g => g.Key.Method, StringComparer.Ordinal)
            .Select(g =>
            {
                var recent = g.Where(m => m.CallsPerSecond > 0).ToList();
                return new
                {
                    grainType = g.Key.GrainType,
                    method = g.Key.Method,
                    calls = g.Sum(m => m.Calls),
                    errors = g.Sum(m => m.Errors),
                    callsPerSecond = g.Sum(m => m.CallsPerSecond),
                    errorsPerSecond = g.Sum(m => m.ErrorsPerSecond),
                    // The last second's percentiles while the method is busy, else those since start.
                    p50Ms = recent.Count > 0 ? recent.Max(m => m.RecentP50Ms) : g.Max(m => m.P50Ms),
                    p99Ms = recent.Count > 0 ? recent.Max(m => m.RecentP99Ms) : g.Max(m => m.P99Ms),
                    meanMs = Weighted(g.Select(m => (m.MeanMs, (double)m.Calls))),
                };
            });
        return new { view.Timestamp, types, methods };
    }

    public static object HotGrains(ClusterStatisticsView view, int top)
    {
        var grains = view.Silos.Where(IsLive)
            .SelectMany(s => s.Latest.HotGrains.Select(h => new { h.GrainId, silo = s.Latest.Silo, h.Calls, h.CallsPerSecond, h.MailboxDepth }))
            .OrderByDescending(h => h.CallsPerSecond).ThenByDescending(h => h.MailboxDepth).ThenByDescending(h => h.Calls)
            .Take(top);
        return new { view.Timestamp, grains };
    }

    public static object Storage(ClusterStatisticsView view)
    {
        var live = view.Silos.Where(IsLive).Select(s => s.Latest).ToList();
        var appends = live.Sum(s => s.Storage.Appends);
        return new
        {
            view.Timestamp,
            totals = new
            {
                appends,
                events = live.Sum(s => s.Storage.Events),
                failures = live.Sum(s => s.Storage.Failures),
                appendsPerSecond = live.Sum(s => s.Storage.AppendsPerSecond),
                p99Ms = live.Count == 0 ? 0 : live.Max(s => s.Storage.RecentP99Ms),
                meanBatchSize = appends == 0 ? 0 : (double)live.Sum(s => s.Storage.Events) / appends,
                maxBatchSize = live.Count == 0 ? 0 : live.Max(s => s.Storage.MaxBatchSize),
            },
            reminders = new
            {
                registered = live.Sum(s => s.Reminders?.Registered ?? 0),
                unregistered = live.Sum(s => s.Reminders?.Unregistered ?? 0),
                fired = live.Sum(s => s.Reminders?.Fired ?? 0),
                failed = live.Sum(s => s.Reminders?.Failed ?? 0),
                dueAtLastPoll = live.Sum(s => s.Reminders?.DueAtLastPoll ?? 0),
                inFlight = live.Sum(s => s.Reminders?.InFlight ?? 0),
            },
            silos = live.Select(s => new { silo = s.Silo, storage = s.Storage, reminders = s.Reminders }),
            history = view.History.Select(p => new { p.Timestamp, p.AppendsPerSecond, p.AppendP99Ms }),
        };
    }

    private static bool IsLive(SiloStatisticsEntry entry) => entry.Status is not ("Stale" or "Dead");

    private static double ErrorRate(double calls, double errors) => calls > 0 ? errors / calls : 0;

    private static double Weighted(IEnumerable<(double Value, double Weight)> values)
    {
        double sum = 0, weight = 0;
        foreach (var (value, w) in values)
        {
            sum += value * w;
            weight += w;
        }

        return weight > 0 ? sum / weight : 0;
    }
}
