namespace Parity.Runtime.Storage;

/// <summary>
/// Wraps a journal storage for tests and benchmarks: adds latency to every append, fails chosen appends,
/// can refuse all writes (a crashed silo), and counts what passed through.
/// </summary>
public sealed class FaultInjectingJournalStorage : IJournalStorage
{
    private readonly IJournalStorage _inner;
    private readonly TimeProvider _timeProvider;
    private int _failNextAppends;
    private long _appendCalls;
    private long _appendedEvents;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    public FaultInjectingJournalStorage(IJournalStorage inner, TimeProvider? timeProvider = null)
    {
        _inner = inner;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Delay added before every append. Default: none.</summary>
    public TimeSpan AppendLatency { get; set; }

    /// <summary>When set, appends for which it returns true fail with <see cref="StorageException"/>.</summary>
    public Func<GrainId, IReadOnlyList<JournalEntry>, bool>? FailWhen { get; set; }

    /// <summary>When true every write fails, as from a process that lost its database.</summary>
    public bool RefuseWrites { get; set; }

    /// <summary>Append calls that reached this wrapper (including failed ones).</summary>
    public long AppendCalls => Interlocked.Read(ref _appendCalls);

    /// <summary>Events in appends that succeeded.</summary>
    public long AppendedEvents => Interlocked.Read(ref _appendedEvents);

    /// <summary>Makes the next <paramref name="count"/> appends fail.</summary>
    public void FailNextAppends(int count) => Interlocked.Exchange(ref _failNextAppends, count);

    /// <inheritdoc />
    public Task<JournalSnapshot?> ReadSnapshotAsync(GrainId grainId, CancellationToken cancellationToken = default)
        => _inner.ReadSnapshotAsync(grainId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<JournalEntry>> ReadAsync(GrainId grainId, long afterSequence, int maxCount = int.MaxValue, CancellationToken cancellationToken = default)
        => _inner.ReadAsync(grainId, afterSequence, maxCount, cancellationToken);

    /// <inheritdoc />
    public async Task AppendAsync(GrainId grainId, long expectedVersion, IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _appendCalls);
        if (AppendLatency > TimeSpan.Zero)
        {
            await Task.Delay(AppendLatency, _timeProvider, cancellationToken).ConfigureAwait(false);
        }

        if (RefuseWrites)
        {
            throw new StorageException("Injected fault: writes are refused.");
        }

        if (InjectedFaults.TakeOne(ref _failNextAppends) || (FailWhen?.Invoke(grainId, entries) ?? false))
        {
            throw new StorageException($"Injected fault: append of {entries.Count} events to {grainId} failed.");
        }

        await _inner.AppendAsync(grainId, expectedVersion, entries, cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref _appendedEvents, entries.Count);
    }

    /// <inheritdoc />
    public Task WriteSnapshotAsync(GrainId grainId, JournalSnapshot snapshot, CancellationToken cancellationToken = default)
        => RefuseWrites ? Task.FromException(new StorageException("Injected fault: writes are refused.")) : _inner.WriteSnapshotAsync(grainId, snapshot, cancellationToken);
}
