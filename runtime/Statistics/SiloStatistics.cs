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
    private TimeSpan _lastCpu;
    private long _lastCpuTimestamp;

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

    public SiloStatisticsSnapshot GetSnapshot(int topGrains = 10)
    {
        var now = _silo.TimeProvider.GetTimestamp();
        var hot = new List<HotGrainStatistics>();
        var activationCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var total = 0;
        foreach (var activation in _silo.Catalog.Activations)
        {
            total++;
            activationCounts[activation.ClassInfo.TypeName] = activationCounts.GetValueOrDefault(activation.ClassInfo.TypeName) + 1;
            hot.Add(new HotGrainStatistics(activation.GrainId.ToString(), activation.Calls, activation.SampleCallRate(now), activation.MailboxDepth));
        }

        var methods = _methods.Select(kv => new MethodStatistics(kv.Key.Type, kv.Key.Method, kv.Value.Latency.Count, Interlocked.Read(ref kv.Value.Errors),
                kv.Value.Latency.Mean / 1000, kv.Value.Latency.Percentile(0.5) / 1000, kv.Value.Latency.Percentile(0.99) / 1000))
            .OrderBy(m => m.GrainType, StringComparer.Ordinal).ThenBy(m => m.Method, StringComparer.Ordinal).ToList();
        var types = methods.GroupBy(m => m.GrainType)
            .Select(g => new GrainTypeStatistics(g.Key, activationCounts.GetValueOrDefault(g.Key), g.Sum(m => m.Calls), g.Sum(m => m.Errors)))
            .Concat(activationCounts.Keys.Where(t => methods.All(m => m.GrainType != t)).Select(t => new GrainTypeStatistics(t, activationCounts[t], 0, 0)))
            .OrderBy(t => t.GrainType, StringComparer.Ordinal).ToList();
        var storage = new StorageStatistics(_appendLatency.Count, (long)(_appendBatch.Mean * _appendBatch.Count), Interlocked.Read(ref _appendFailures),
            _appendLatency.Mean / 1000, _appendLatency.Percentile(0.5) / 1000, _appendLatency.Percentile(0.99) / 1000, _appendBatch.Mean, _appendBatch.Max);
        var process = Process.GetCurrentProcess();
        return new SiloStatisticsSnapshot(_silo.Address.ToString(), _silo.Status.ToString(), _silo.TimeProvider.GetUtcNow(), total,
            Interlocked.Read(ref _calls), Interlocked.Read(ref _errors), Interlocked.Read(ref _overloads), SampleCpu(process), process.WorkingSet64,
            types, methods, hot.OrderByDescending(h => h.CallsPerSecond).ThenByDescending(h => h.MailboxDepth).ThenByDescending(h => h.Calls).Take(topGrains).ToList(), storage);
    }

    private double SampleCpu(Process process)
    {
        lock (_methods)
        {
            var cpu = process.TotalProcessorTime;
            var now = Stopwatch.GetTimestamp();
            var wall = Stopwatch.GetElapsedTime(_lastCpuTimestamp, now);
            var used = cpu - _lastCpu;
            _lastCpu = cpu;
            _lastCpuTimestamp = now;
            return wall > TimeSpan.Zero ? 100.0 * used.TotalMilliseconds / wall.TotalMilliseconds : 0;
        }
    }

    private sealed class MethodCounters
    {
        public readonly LatencyHistogram Latency = new();
        public long Errors;
    }
}
