namespace Parity.Runtime.Statistics;

/// <summary>Everything one silo knows about its own health at one moment; what the dashboard reads.</summary>
/// <param name="Silo">The silo's address.</param>
/// <param name="Status">Its membership status.</param>
/// <param name="Timestamp">When the snapshot was taken.</param>
/// <param name="Activations">Activations on the silo.</param>
/// <param name="TotalCalls">Calls served since start.</param>
/// <param name="TotalErrors">Calls that failed since start.</param>
/// <param name="Overloads">Calls refused because a mailbox was full.</param>
/// <param name="CpuPercent">Process CPU use since the previous snapshot, in percent of one core times cores.</param>
/// <param name="WorkingSetBytes">Process working set.</param>
/// <param name="GrainTypes">Per grain type figures.</param>
/// <param name="Methods">Per grain method figures.</param>
/// <param name="HotGrains">The busiest activations.</param>
/// <param name="Storage">Journal append figures.</param>
/// <param name="IntervalSeconds">Length of the interval the per-second rates cover (since the previous sample).</param>
/// <param name="CallsPerSecond">Calls served per second over the interval.</param>
/// <param name="ErrorsPerSecond">Failed calls per second over the interval.</param>
/// <param name="GcHeapBytes">Managed heap size after the last garbage collection.</param>
/// <param name="Reminders">Reminder figures; null from a silo that predates them.</param>
/// <param name="RecentP50Ms">Median latency of every call of the interval, in milliseconds.</param>
/// <param name="RecentP99Ms">99th percentile latency of every call of the interval, in milliseconds.</param>
public sealed record SiloStatisticsSnapshot(
    string Silo,
    string Status,
    DateTimeOffset Timestamp,
    int Activations,
    long TotalCalls,
    long TotalErrors,
    long Overloads,
    double CpuPercent,
    long WorkingSetBytes,
    IReadOnlyList<GrainTypeStatistics> GrainTypes,
    IReadOnlyList<MethodStatistics> Methods,
    IReadOnlyList<HotGrainStatistics> HotGrains,
    StorageStatistics Storage,
    double IntervalSeconds = 0,
    double CallsPerSecond = 0,
    double ErrorsPerSecond = 0,
    long GcHeapBytes = 0,
    ReminderStatistics? Reminders = null,
    double RecentP50Ms = 0,
    double RecentP99Ms = 0);

/// <summary>Figures of one grain type on one silo.</summary>
/// <param name="GrainType">The grain type name.</param>
/// <param name="Activations">Its activations.</param>
/// <param name="Calls">Calls served.</param>
/// <param name="Errors">Calls failed.</param>
/// <param name="CallsPerSecond">Calls per second over the last interval.</param>
/// <param name="ErrorsPerSecond">Failed calls per second over the last interval.</param>
public sealed record GrainTypeStatistics(string GrainType, int Activations, long Calls, long Errors, double CallsPerSecond = 0, double ErrorsPerSecond = 0);

/// <summary>Figures of one grain method on one silo; latencies in milliseconds.</summary>
/// <param name="GrainType">The grain type name.</param>
/// <param name="Method">The method name.</param>
/// <param name="Calls">Calls served.</param>
/// <param name="Errors">Calls failed.</param>
/// <param name="MeanMs">Mean latency.</param>
/// <param name="P50Ms">Median latency.</param>
/// <param name="P99Ms">99th percentile latency.</param>
/// <param name="CallsPerSecond">Calls per second over the last interval.</param>
/// <param name="ErrorsPerSecond">Failed calls per second over the last interval.</param>
/// <param name="RecentP50Ms">Median latency of the calls of the last interval (0 when there were none).</param>
/// <param name="RecentP99Ms">99th percentile latency of the calls of the last interval.</param>
public sealed record MethodStatistics(string GrainType, string Method, long Calls, long Errors, double MeanMs, double P50Ms, double P99Ms,
    double CallsPerSecond = 0, double ErrorsPerSecond = 0, double RecentP50Ms = 0, double RecentP99Ms = 0);

/// <summary>One busy activation.</summary>
/// <param name="GrainId">The grain.</param>
/// <param name="Calls">Calls since it activated.</param>
/// <param name="CallsPerSecond">Calls per second since the previous snapshot.</param>
/// <param name="MailboxDepth">Requests waiting now.</param>
public sealed record HotGrainStatistics(string GrainId, long Calls, double CallsPerSecond, int MailboxDepth);

/// <summary>Journal append figures of one silo; latencies in milliseconds.</summary>
/// <param name="Appends">Appends (writes) completed.</param>
/// <param name="Events">Events in those appends.</param>
/// <param name="Failures">Appends that failed.</param>
/// <param name="MeanMs">Mean append latency.</param>
/// <param name="P50Ms">Median append latency.</param>
/// <param name="P99Ms">99th percentile append latency.</param>
/// <param name="MeanBatchSize">Mean events per append.</param>
/// <param name="MaxBatchSize">Largest append.</param>
/// <param name="AppendsPerSecond">Appends per second over the last interval.</param>
/// <param name="RecentP99Ms">99th percentile append latency over the last interval.</param>
/// <param name="RecentMeanBatchSize">Mean events per append over the last interval.</param>
public sealed record StorageStatistics(long Appends, long Events, long Failures, double MeanMs, double P50Ms, double P99Ms, double MeanBatchSize, long MaxBatchSize,
    double AppendsPerSecond = 0, double RecentP99Ms = 0, double RecentMeanBatchSize = 0);

/// <summary>Durable reminder figures of one silo since it started.</summary>
/// <param name="Registered">Reminders registered or moved by grains of this silo.</param>
/// <param name="Unregistered">Reminders removed.</param>
/// <param name="Fired">Reminders delivered to their grain.</param>
/// <param name="Failed">Deliveries that failed (the reminder stays due and fires again).</param>
/// <param name="DueAtLastPoll">Reminders this silo owned and found due at its last poll.</param>
/// <param name="InFlight">Deliveries running now.</param>
public sealed record ReminderStatistics(long Registered, long Unregistered, long Fired, long Failed, int DueAtLastPoll, int InFlight);

/// <summary>Reads a silo's statistics. Collected continuously as counters; a snapshot reads them and scans
/// the local activations, with no grain calls.</summary>
public interface ISiloStatistics
{
    /// <summary>Takes a snapshot, with the <paramref name="topGrains"/> busiest activations.</summary>
    SiloStatisticsSnapshot GetSnapshot(int topGrains = 10);
}
