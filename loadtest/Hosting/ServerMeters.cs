using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Parity.LoadTest.Measurement;
using Parity.Providers.Journal;

namespace Parity.LoadTest.Hosting;

/// <summary>
/// The in-process silo's own instruments, read with a <see cref="MeterListener"/> on the meters of the host's
/// <see cref="IMeterFactory"/> (so another host in the process is not counted): the Parity journal's appends and event
/// rows (meter <c>Parity.Journal</c>, published by the ADO.NET journals, not by the memory journal) and Orleans'
/// application-request latency (meter <c>Microsoft.Orleans</c>, histogram <c>orleans-app-requests-latency</c> in
/// milliseconds: every grain call this process made and got an answer to).
/// </summary>
internal sealed class ServerMeters : IDisposable
{
    public const string JournalMeter = ParityJournal.MeterName;
    public const string JournalAppends = "parity.journal.appends";
    public const string JournalEvents = "parity.journal.events";
    public const string OrleansMeter = "Microsoft.Orleans";
    public const string GrainCallLatency = "orleans-app-requests-latency";

    private readonly MeterListener _listener = new();
    private ConcurrentQueue<double> _grainCallsMs = new();
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
            else if (instrument.Meter.Name == OrleansMeter && instrument.Name == GrainCallLatency)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnCounter);
        _listener.SetMeasurementEventCallback<double>(OnLatency);
        _listener.Start();
    }

    /// <summary>The journal's counters so far.</summary>
    public JournalCounters ReadJournal() =>
        new(Volatile.Read(ref _journalPublished), Interlocked.Read(ref _appends), Interlocked.Read(ref _events));

    /// <summary>Forgets the grain calls timed so far (between the warm-up and the measured run).</summary>
    public void ResetGrainCalls() => Interlocked.Exchange(ref _grainCallsMs, new ConcurrentQueue<double>());

    /// <summary>The grain calls timed since the last reset: how many, and their percentiles; null when none.</summary>
    public GrainCallTiming? GrainCalls()
    {
        var calls = _grainCallsMs.ToArray();
        return calls.Length == 0 ? null : new GrainCallTiming(calls.Length, Percentiles.Summarise(calls));
    }

    public void Dispose() => _listener.Dispose();

    private void OnCounter(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (instrument.Name == JournalAppends)
        {
            Interlocked.Add(ref _appends, value);
        }
        else if (instrument.Name == JournalEvents)
        {
            Interlocked.Add(ref _events, value);
        }
    }

    private void OnLatency(Instrument instrument, double milliseconds, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (instrument.Name == GrainCallLatency)
        {
            _grainCallsMs.Enqueue(milliseconds);
        }
    }
}

/// <summary>The journal's cumulative counters, as <see cref="ServerMeters"/> saw them.</summary>
/// <param name="Published">Whether the journal publishes its counters (the ADO.NET journals do, the memory journal does not).</param>
/// <param name="Appends">Conditional appends the journal's coalescing writer took.</param>
/// <param name="Events">Event rows the journal wrote.</param>
internal sealed record JournalCounters(bool Published, long Appends, long Events)
{
    /// <summary>What happened between <paramref name="before"/> and this reading.</summary>
    public JournalCounters Since(JournalCounters before) => new(Published, Appends - before.Appends, Events - before.Events);
}
