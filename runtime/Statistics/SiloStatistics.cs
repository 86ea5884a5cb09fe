using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Parity.Runtime.Activation;
using Parity.Runtime.Hosting;

namespace Parity.Runtime.Statistics;

/// <summary>
/// Counters and histograms of one silo, recorded on the call path with interlocked increments, and
/// exported both as snapshots (<see cref="ISiloStatistics"/>) and as System.Diagnostics.Metrics instruments.
/// </summary>
internal sealed class SiloStatistics : ISiloStatistics
{
    public const string MeterName = "Parity.Runtime";

    /// <summary>Grain call activities (OpenTelemetry-ready); created only when someone listens.</summary>
    public static readonly ActivitySource ActivitySource = new(MeterName);

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> CallCounter = Meter.CreateCounter<long>("parity.grain.calls", description: "Grain calls served");
    private static readonly Counter<long> ErrorCounter = Meter.CreateCounter<long>("parity.grain.errors", description: "Grain calls that failed");
    private static readonly Counter<long> OverloadCounter = Meter.CreateCounter<long>("parity.grain.overloads", description: "Calls refused by a full mailbox");
    private static readonly Histogram<double> CallDuration = Meter.CreateHistogram<double>("parity.grain.call.duration", "ms", "Grain call latency");
    private static readonly Histogram<double> AppendDuration = Meter.CreateHistogram<double>("parity.storage.append.duration", "ms", "Journal append latency");
    private static readonly Histogram<long> AppendBatch = Meter.CreateHistogram<long>("parity.storage.append.batch_size", "{event}", "Events per journal append");
    private static readonly ConcurrentDictionary<Silo, bool> Silos = new();

    private readonly ConcurrentDictionary<(string Type, string Method), MethodCounters> _methods = new();
    private readonly ConcurrentDictionary<string, int> _activationsByType = new(StringComparer.Ordinal);
    private readonly LatencyHistogram _appendLatency = new();
    private readonly LatencyHistogram _appendBatch = new();
    private readonly Silo _silo;
    private readonly KeyValuePair<string, object?> _siloTag;
    private long _calls;
    private long _errors;
    private long _overloads;
    private long _appendFailures;
    private readonly Lock _sampleLock = new();
    private long[] _appendBucketsPrevious = new long[LatencyHistogram.BucketCount];
    private long[] _appendBucketsCurrent = new long[LatencyHistogram.BucketCount];
    private TimeSpan _lastCpu;
    private long _lastCpuTimestamp;
    private long _lastSampleTimestamp;
    private long _callsAtSample;
    private long _errorsAtSample;
    private long _appendsAtSample;
    private long _eventsAtSample;
    private long _remindersRegistered;
    private long _remindersUnregistered;
    private long _remindersFired;
    private long _remindersFailed;
    private int _remindersDue;

    static SiloStatistics()
    {
        Meter.CreateObservableGauge("parity.grain.activations", () => Silos.Keys.Select(s => new Measurement<int>(s.Catalog.Count, new KeyValuePair<string, object?>("silo", s.Address.ToString()))),
            description: "Activations per silo");
    }

    public SiloStatistics(Silo silo)
    {
        _silo = silo;
        _siloTag = new KeyValuePair<string, object?>("silo", silo.Address.ToString());
        _lastCpu = Process.GetCurrentProcess().TotalProcessorTime;
        _lastCpuTimestamp = Stopwatch.GetTimestamp();
        _lastSampleTimestamp = _lastCpuTimestamp;
        Silos[silo] = true;
    }

    public void Detach() => Silos.TryRemove(_silo, out _);

    public void RecordCall(string grainType, string method, TimeSpan elapsed, bool failed)
    {
        var counters = _methods.GetOrAdd((grainType, method), static _ => new MethodCounters());
        counters.Latency.Record(elapsed);
        Interlocked.Increment(ref _calls);
        if (failed)
        {
            Interlocked.Increment(ref counters.Errors);
            Interlocked.Increment(ref _errors);
        }

        if (CallCounter.Enabled)
        {
            var typeTag = new KeyValuePair<string, object?>("grain.type", grainType);
            var methodTag = new KeyValuePair<string, object?>("grain.method", method);
            CallCounter.Add(1, _siloTag, typeTag, methodTag);
            CallDuration.Record(elapsed.TotalMilliseconds, _siloTag, typeTag, methodTag);
            if (failed)
            {
                ErrorCounter.Add(1, _siloTag, typeTag, methodTag);
            }
        }
    }

    public void RecordActivation(string grainType, int delta) => _activationsByType.AddOrUpdate(grainType, delta, (_, n) => n + delta);

    public void RecordOverload(ActivationData activation)
    {
        Interlocked.Increment(ref _overloads);
        OverloadCounter.Add(1, _siloTag, new KeyValuePair<string, object?>("grain.type", activation.ClassInfo.TypeName));
    }

    public void RecordAppend(TimeSpan elapsed, int batchSize, bool succeeded)
    {
        if (!succeeded)
        {
            Interlocked.Increment(ref _appendFailures);
            return;
        }

        _appendLatency.Record(elapsed);
        _appendBatch.RecordValue(batchSize);
        AppendDuration.Record(elapsed.TotalMilliseconds, _siloTag);
        AppendBatch.Record(batchSize, _siloTag);
    }

    public void RecordReminderRegistered() => Interlocked.Increment(ref _remindersRegistered);

    public void RecordReminderUnregistered() => Interlocked.Increment(ref _remindersUnregistered);

    public void RecordReminderFired(bool succeeded)
    {
        if (succeeded)
        {
            Interlocked.Increment(ref _remindersFired);
        }
        else
        {
            Interlocked.Increment(ref _remindersFailed);
        }
    }

    public void RecordRemindersDue(int due) => Volatile.Write(ref _remindersDue, due);

    /// <summary>
    /// Reads every counter and scans the local activations once. Per-second rates and the "recent" percentiles
    /// cover the time since the previous snapshot: the statistics publisher takes one a second, so the hot path
    /// never does more than its increments and nothing is computed per dashboard request.
    /// </summary>
    public SiloStatisticsSnapshot GetSnapshot(int topGrains = 10)
    {
        lock (_sampleLock)
        {
            var nowStopwatch = Stopwatch.GetTimestamp();
            var interval = Stopwatch.GetElapsedTime(_lastSampleTimestamp, nowStopwatch).TotalSeconds;
            _lastSampleTimestamp = nowStopwatch;
            double Rate(long delta) => interval > 0 ? delta / interval : 0;

            var activationCounts = new Dictionary<string, int>(StringComparer.Ordinal);
            var total = 0;
            // Only the top N become records: the scan allocates nothing per activation.
            var hottest = new PriorityQueue<ActivationData, (double Rate, int Depth, long Calls)>();
            foreach (var activation in _silo.Catalog.Activations)
            {
                total++;
                var typeName = activation.ClassInfo.TypeName;
                activationCounts[typeName] = activationCounts.GetValueOrDefault(typeName) + 1;
                var key = (Rate(activation.SampleCalls()), activation.MailboxDepth, activation.Calls);
                if (topGrains <= 0)
                {
                    continue;
                }

                if (hottest.Count < topGrains)
                {
                    hottest.Enqueue(activation, key);
                }
                else if (hottest.TryPeek(out _, out var least) && key.CompareTo(least) > 0)
                {
                    hottest.EnqueueDequeue(activation, key);
                }
            }

            var hot = new List<HotGrainStatistics>(hottest.Count);
            while (hottest.TryDequeue(out var activation, out var key))
            {
                hot.Add(new HotGrainStatistics(activation.GrainId.ToString(), key.Calls, key.Rate, key.Depth));
            }

            hot.Reverse();

            var methods = new List<MethodStatistics>(_methods.Count);
            Span<long> delta = stackalloc long[LatencyHistogram.BucketCount];
            Span<long> allCalls = stackalloc long[LatencyHistogram.BucketCount];
            foreach (var (id, counters) in _methods)
            {
                var calls = counters.Latency.Count;
                var errors = Interlocked.Read(ref counters.Errors);
                counters.Latency.CopyBuckets(counters.Current);
                for (var i = 0; i < delta.Length; i++)
                {
                    delta[i] = counters.Current[i] - counters.Previous[i];
                    allCalls[i] += delta[i];
                }

                (counters.Previous, counters.Current) = (counters.Current, counters.Previous);
                methods.Add(new MethodStatistics(id.Type, id.Method, calls, errors,
                    counters.Latency.Mean / 1000, counters.Latency.Percentile(0.5) / 1000, counters.Latency.Percentile(0.99) / 1000,
                    Rate(calls - counters.CallsAtSample), Rate(errors - counters.ErrorsAtSample),
                    LatencyHistogram.Percentile(delta, 0.5) / 1000, LatencyHistogram.Percentile(delta, 0.99) / 1000));
                counters.CallsAtSample = calls;
                counters.ErrorsAtSample = errors;
            }

            methods.Sort(static (a, b) => string.CompareOrdinal(a.GrainType, b.GrainType) is var c && c != 0 ? c : string.CompareOrdinal(a.Method, b.Method));
            var types = methods.GroupBy(m => m.GrainType)
                .Select(g => new GrainTypeStatistics(g.Key, activationCounts.GetValueOrDefault(g.Key), g.Sum(m => m.Calls), g.Sum(m => m.Errors),
                    g.Sum(m => m.CallsPerSecond), g.Sum(m => m.ErrorsPerSecond)))
                .Concat(activationCounts.Keys.Where(t => methods.All(m => m.GrainType != t)).Select(t => new GrainTypeStatistics(t, activationCounts[t], 0, 0)))
                .OrderBy(t => t.GrainType, StringComparer.Ordinal).ToList();

            var appends = _appendLatency.Count;
            var events = (long)Math.Round(_appendBatch.Mean * _appendBatch.Count);
            _appendLatency.CopyBuckets(_appendBucketsCurrent);
            for (var i = 0; i < delta.Length; i++)
            {
                delta[i] = _appendBucketsCurrent[i] - _appendBucketsPrevious[i];
            }

            (_appendBucketsPrevious, _appendBucketsCurrent) = (_appendBucketsCurrent, _appendBucketsPrevious);
            var recentAppends = appends - _appendsAtSample;
            var storage = new StorageStatistics(appends, events, Interlocked.Read(ref _appendFailures),
                _appendLatency.Mean / 1000, _appendLatency.Percentile(0.5) / 1000, _appendLatency.Percentile(0.99) / 1000, _appendBatch.Mean, _appendBatch.Max,
                Rate(recentAppends), LatencyHistogram.Percentile(delta, 0.99) / 1000, recentAppends > 0 ? (double)(events - _eventsAtSample) / recentAppends : 0);
            _appendsAtSample = appends;
            _eventsAtSample = events;

            var totalCalls = Interlocked.Read(ref _calls);
            var totalErrors = Interlocked.Read(ref _errors);
            var callsPerSecond = Rate(totalCalls - _callsAtSample);
            var errorsPerSecond = Rate(totalErrors - _errorsAtSample);
            _callsAtSample = totalCalls;
            _errorsAtSample = totalErrors;

            var reminders = new ReminderStatistics(Interlocked.Read(ref _remindersRegistered), Interlocked.Read(ref _remindersUnregistered),
                Interlocked.Read(ref _remindersFired), Interlocked.Read(ref _remindersFailed), Volatile.Read(ref _remindersDue), _silo.Reminders.InFlight);
            using var process = Process.GetCurrentProcess();
            return new SiloStatisticsSnapshot(_silo.Address.ToString(), _silo.Status.ToString(), _silo.TimeProvider.GetUtcNow(), total,
                totalCalls, totalErrors, Interlocked.Read(ref _overloads), SampleCpu(process), process.WorkingSet64,
                types, methods, hot, storage, interval, callsPerSecond, errorsPerSecond, GC.GetTotalMemory(forceFullCollection: false), reminders,
                LatencyHistogram.Percentile(allCalls, 0.5) / 1000, LatencyHistogram.Percentile(allCalls, 0.99) / 1000);
        }
    }

    private double SampleCpu(Process process)
    {
        // Called under _sampleLock.
        var cpu = process.TotalProcessorTime;
        var now = Stopwatch.GetTimestamp();
        var wall = Stopwatch.GetElapsedTime(_lastCpuTimestamp, now);
        var used = cpu - _lastCpu;
        _lastCpu = cpu;
        _lastCpuTimestamp = now;
        return wall > TimeSpan.Zero ? 100.0 * used.TotalMilliseconds / wall.TotalMilliseconds : 0;
    }

    private sealed class MethodCounters
    {
        public readonly LatencyHistogram Latency = new();
        public long Errors;

        // Sampling state, touched only by GetSnapshot under its lock.
        public long[] Previous = new long[LatencyHistogram.BucketCount];
        public long[] Current = new long[LatencyHistogram.BucketCount];
        public long CallsAtSample;
        public long ErrorsAtSample;
    }
}
