using System.Diagnostics.Metrics;

namespace Parity.Providers.Journal.AdoNet;

/// <summary>
/// The journal writer's counters: kept as fields for tests and benchmarks, and published on the
/// <c>Parity.Journal</c> meter (when the host has an <see cref="IMeterFactory"/>) for OpenTelemetry.
/// </summary>
internal sealed class JournalMetrics
{
    public const string MeterName = ParityJournal.MeterName;

    private readonly Counter<long>? _batches;
    private readonly Counter<long>? _writes;
    private readonly Counter<long>? _appends;
    private readonly Counter<long>? _events;
    private readonly Counter<long>? _replays;
    private long _batchCount;
    private long _writeCount;
    private long _appendCount;
    private long _eventCount;
    private long _replayCount;

    public JournalMetrics(IMeterFactory? meterFactory)
    {
        if (meterFactory is null)
        {
            return;
        }

        var meter = meterFactory.Create(MeterName);
        _batches = meter.CreateCounter<long>("parity.journal.writer.batches", "{batch}", "Batches the coalescing writer took from its queue.");
        _writes = meter.CreateCounter<long>("parity.journal.writes", "{write}", "Atomic writes to parity_journal: one multi-row INSERT, or one transaction when a batch spans several statements or SQLite writes it row by row.");
        _appends = meter.CreateCounter<long>("parity.journal.appends", "{append}", "Conditional appends taken by the coalescing writer.");
        _events = meter.CreateCounter<long>("parity.journal.events", "{event}", "Event rows written to parity_journal.");
        _replays = meter.CreateCounter<long>("parity.journal.writer.replays", "{batch}", "Batches that hit a conflict and were replayed append by append.");
    }

    public long Batches => Interlocked.Read(ref _batchCount);

    public long Writes => Interlocked.Read(ref _writeCount);

    public long Appends => Interlocked.Read(ref _appendCount);

    public long Events => Interlocked.Read(ref _eventCount);

    public long ReplayedBatches => Interlocked.Read(ref _replayCount);

    public void RecordBatch(int appends)
    {
        Interlocked.Increment(ref _batchCount);
        Interlocked.Add(ref _appendCount, appends);
        _batches?.Add(1);
        _appends?.Add(appends);
    }

    public void RecordWrite(int rows)
    {
        Interlocked.Increment(ref _writeCount);
        Interlocked.Add(ref _eventCount, rows);
        _writes?.Add(1);
        _events?.Add(rows);
    }

    public void RecordReplay()
    {
        Interlocked.Increment(ref _replayCount);
        _replays?.Add(1);
    }
}
