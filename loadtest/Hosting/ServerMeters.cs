using System.Diagnostics.Metrics;
using System.Globalization;
using Parity.Providers.Journal;

namespace Parity.LoadTest.Hosting;

/// <summary>
/// The in-process silo's own counters, read with a <see cref="MeterListener"/> on the meters of the host's
/// <see cref="IMeterFactory"/> (so another host in the process is not counted): the Parity journal's appends and event
/// rows (meter <c>Parity.Journal</c>, published by the ADO.NET journals, not by the memory journal) and Orleans'
/// application-request latency histogram (meter <c>Microsoft.Orleans</c>, every grain call this process made, in
/// whole-millisecond buckets). <see cref="Read"/> gives cumulative figures; a run's are the difference of two readings.
/// </summary>
internal sealed class ServerMeters : IDisposable
{
    public const string JournalMeter = ParityJournal.MeterName;
    public const string JournalAppends = "parity.journal.appends";
    public const string JournalEvents = "parity.journal.events";
    public const string OrleansMeter = "Microsoft.Orleans";
    public const string GrainCallLatency = "orleans-app-requests-latency";

    private readonly MeterListener _listener = new();
    private readonly object _observed = new();
    private readonly SortedDictionary<long, long> _latencyBuckets = [];
    private long _appends;
    private long _events;
    private bool _journalPublished;

    public ServerMeters(IMeterFactory meterFactory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (!ReferenceEquals(instrument.Meter.Scope, meterFactory))
            {
                return;
            }

            if (instrument.Meter.Name == JournalMeter && instrument.Name is JournalAppends or JournalEvents)
            {
                Volatile.Write(ref _journalPublished, true);
                listener.EnableMeasurementEvents(instrument);
            }
            else if (instrument.Meter.Name == OrleansMeter && instrument.Name.StartsWith(GrainCallLatency + "-", StringComparison.Ordinal))
            {
                // Enabling the histogram's instruments is also what turns Orleans' recording of it on.
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.Start();
    }

    /// <summary>The figures so far (the histogram as of this call).</summary>
    public ServerMeterReading Read()
    {
        lock (_observed)
        {
            _latencyBuckets.Clear();
            _listener.RecordObservableInstruments();
            return new ServerMeterReading(
                Volatile.Read(ref _journalPublished), Interlocked.Read(ref _appends), Interlocked.Read(ref _events),
                new SortedDictionary<long, long>(_latencyBuckets));
        }
    }

    public void Dispose() => _listener.Dispose();

    private void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        switch (instrument.Name)
        {
            case JournalAppends:
                Interlocked.Add(ref _appends, value);
                break;
            case JournalEvents:
                Interlocked.Add(ref _events, value);
                break;
            case GrainCallLatency + "-bucket":
                // Called from Read's RecordObservableInstruments, under its lock: one measurement per bucket, each the
                // count of calls up to its bound ("duration" = "<bound>ms") and above the previous one.
                foreach (var tag in tags)
                {
                    if (tag is { Key: "duration", Value: string duration } && duration.EndsWith("ms", StringComparison.Ordinal)
                        && long.TryParse(duration.AsSpan(0, duration.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var bound))
                    {
                        _latencyBuckets[bound] = value;
                    }
                }

                break;
        }
    }
}

/// <summary>Cumulative figures of <see cref="ServerMeters"/>.</summary>
/// <param name="JournalPublished">Whether the journal publishes its counters (the ADO.NET journals do, the memory journal does not).</param>
/// <param name="Appends">Conditional appends the journal's coalescing writer took.</param>
/// <param name="Events">Event rows the journal wrote.</param>
/// <param name="LatencyBuckets">Grain calls by latency bucket: upper bound in milliseconds (the last is <see cref="long.MaxValue"/>) to count.</param>
internal sealed record ServerMeterReading(bool JournalPublished, long Appends, long Events, IReadOnlyDictionary<long, long> LatencyBuckets)
{
    /// <summary>What happened between <paramref name="before"/> and this reading.</summary>
    public ServerMeterReading Since(ServerMeterReading before) => new(
        JournalPublished, Appends - before.Appends, Events - before.Events,
        LatencyBuckets.ToDictionary(b => b.Key, b => b.Value - before.LatencyBuckets.GetValueOrDefault(b.Key)));

    /// <summary>
    /// The grain calls' latency as the histogram allows: for each percentile the upper bound of the bucket it falls in
    /// (null beyond the last finite bound), or null when no call was counted.
    /// </summary>
    public GrainCallTiming? GrainCalls()
    {
        var total = LatencyBuckets.Values.Sum();
        if (total <= 0)
        {
            return null;
        }

        return new GrainCallTiming(AtMost(0.50, total), AtMost(0.99, total), total);
    }

    private double? AtMost(double percentile, long total)
    {
        var rank = (long)Math.Ceiling(percentile * total);
        long seen = 0;
        foreach (var (bound, count) in LatencyBuckets.OrderBy(b => b.Key))
        {
            seen += count;
            if (seen >= rank)
            {
                return bound == long.MaxValue ? null : bound;
            }
        }

        return null;
    }
}
