namespace Parity.Runtime.Statistics;

/// <summary>
/// The cluster's statistics in one place: every silo publishes its snapshot here once a second (when
/// <see cref="Hosting.SiloOptions.StatisticsPublishPeriod"/> is set), and dashboards read the whole cluster with one
/// call instead of fanning out to every silo or grain. Held in memory: a new activation fills again within a second.
/// </summary>
public interface IClusterStatisticsGrain : IGrainWithStringKey
{
    /// <summary>The key of the one cluster statistics grain.</summary>
    public const string ClusterKey = "cluster";

    /// <summary>Records the latest snapshot of one silo.</summary>
    /// <param name="snapshot">The silo's snapshot.</param>
    Task PublishAsync(SiloStatisticsSnapshot snapshot);

    /// <summary>The latest snapshot of every silo heard from recently, with the last minutes of history.</summary>
    Task<ClusterStatisticsView> GetAsync();
}

/// <summary>What the cluster statistics grain holds.</summary>
/// <param name="Timestamp">When the view was read.</param>
/// <param name="Silos">Each silo's latest snapshot and history, by address.</param>
/// <param name="History">Cluster totals, one point a second, oldest first.</param>
public sealed record ClusterStatisticsView(DateTimeOffset Timestamp, IReadOnlyList<SiloStatisticsEntry> Silos, IReadOnlyList<StatisticsPoint> History);

/// <summary>One silo as the cluster statistics grain knows it.</summary>
/// <param name="Latest">Its latest snapshot.</param>
/// <param name="ReceivedAt">When that snapshot arrived.</param>
/// <param name="Status">Its status: the snapshot's, or <c>Stale</c> when it stopped publishing, or <c>Dead</c> when
/// the membership view no longer holds it.</param>
/// <param name="History">Its figures, one point per snapshot, oldest first.</param>
public sealed record SiloStatisticsEntry(SiloStatisticsSnapshot Latest, DateTimeOffset ReceivedAt, string Status, IReadOnlyList<StatisticsPoint> History);

/// <summary>The figures charted over time.</summary>
/// <param name="Timestamp">When.</param>
/// <param name="CallsPerSecond">Calls served per second.</param>
/// <param name="ErrorsPerSecond">Failed calls per second.</param>
/// <param name="P99Ms">99th percentile call latency over the interval.</param>
/// <param name="CpuPercent">Process CPU (summed over silos for the cluster).</param>
/// <param name="WorkingSetBytes">Working set (summed over silos for the cluster).</param>
/// <param name="Activations">Activations.</param>
/// <param name="AppendsPerSecond">Journal appends per second.</param>
/// <param name="AppendP99Ms">99th percentile append latency over the interval.</param>
public sealed record StatisticsPoint(DateTimeOffset Timestamp, double CallsPerSecond, double ErrorsPerSecond, double P99Ms, double CpuPercent,
    long WorkingSetBytes, int Activations, double AppendsPerSecond, double AppendP99Ms)
{
    /// <summary>The charted figures of one snapshot.</summary>
    public static StatisticsPoint From(SiloStatisticsSnapshot s) => new(s.Timestamp, s.CallsPerSecond, s.ErrorsPerSecond, s.RecentP99Ms, s.CpuPercent,
        s.WorkingSetBytes, s.Activations, s.Storage.AppendsPerSecond, s.Storage.RecentP99Ms);
}
