using Orleans.Runtime;

namespace Parity.Providers.Journal;

/// <summary>
/// Wraps a journal storage for tests and benchmarks: adds latency to every append, fails chosen appends or reads,
/// can refuse all writes (a silo that lost its database), and counts what passed through. Injected failures are
/// <see cref="JournalStorageException"/>s thrown before the inner storage is called, so nothing of them is written.
/// </summary>
public sealed class FaultInjectingJournalStorage : IJournalStorage
{
    private readonly TimeProvider _timeProvider;
    private int _failNextAppends;
    private int _failNextReads;
    private int _failNextSnapshots;
    private long _appendCalls;
    private long _appends;
    private long _appendedEvents;
    private int _heldAppends;
    private TaskCompletionSource? _hold;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The storage that does the work.</param>
    /// <param name="timeProvider">The clock the injected latency waits on. Default: the system clock.</param>
    public FaultInjectingJournalStorage(IJournalStorage inner, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        Inner = inner;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The wrapped storage.</summary>
    public IJournalStorage Inner { get; }

    /// <summary>Delay added before every append.</summary>
    /// <value>The default value is <see cref="TimeSpan.Zero"/>.</value>
    public TimeSpan AppendLatency { get; set; }

    /// <summary>When set, appends for which it returns true fail.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Func<GrainId, IReadOnlyList<JournalEntry>, bool>? FailWhen { get; set; }

    /// <summary>When true every write (append or snapshot) fails, as from a process that lost its database.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool RefuseWrites { get; set; }

    /// <summary>Append calls that reached this wrapper, failed ones included.</summary>
    public long AppendCalls => Interlocked.Read(ref _appendCalls);

    /// <summary>Appends that succeeded.</summary>
    public long Appends => Interlocked.Read(ref _appends);

    /// <summary>Events in appends that succeeded.</summary>
    public long AppendedEvents => Interlocked.Read(ref _appendedEvents);

    /// <summary>Appends waiting in <see cref="HoldAppends"/> right now.</summary>
    public int HeldAppends => Volatile.Read(ref _heldAppends);

    /// <summary>
    /// Holds every append before it reaches the inner storage until the result is disposed: a test can look at a grain
    /// while its events are in flight.
    /// </summary>
    public IDisposable HoldAppends()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _hold, gate);
        return new Release(this, gate);
    }

    /// <summary>Makes the next <paramref name="count"/> appends fail.</summary>
    public void FailNextAppends(int count) => Interlocked.Exchange(ref _failNextAppends, count);

    /// <summary>Makes the next <paramref name="count"/> snapshot writes fail.</summary>
    public void FailNextSnapshots(int count) => Interlocked.Exchange(ref _failNextSnapshots, count);

    /// <summary>Makes the next <paramref name="count"/> reads (events or snapshot) fail.</summary>
    public void FailNextReads(int count) => Interlocked.Exchange(ref _failNextReads, count);

    /// <summary>Clears every injected fault and the latency.</summary>
    public void Reset()
    {
        AppendLatency = TimeSpan.Zero;
        FailWhen = null;
        RefuseWrites = false;
        Interlocked.Exchange(ref _failNextAppends, 0);
        Interlocked.Exchange(ref _failNextReads, 0);
        Interlocked.Exchange(ref _failNextSnapshots, 0);
        Interlocked.Exchange(ref _hold, null)?.TrySetResult();
    }

    /// <inheritdoc />
    public Task<JournalSnapshot?> ReadSnapshotAsync(GrainId grainId, CancellationToken cancellationToken = default)
        => InjectedFaults.TakeOne(ref _failNextReads)
            ? Task.FromException<JournalSnapshot?>(new JournalStorageException($"Injected fault: reading the snapshot of {grainId} failed."))
            : Inner.ReadSnapshotAsync(grainId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<JournalEntry>> ReadAsync(GrainId grainId, long afterSequence, int maxCount = int.MaxValue, CancellationToken cancellationToken = default)
        => InjectedFaults.TakeOne(ref _failNextReads)
            ? Task.FromException<IReadOnlyList<JournalEntry>>(new JournalStorageException($"Injected fault: reading the journal of {grainId} failed."))
            : Inner.ReadAsync(grainId, afterSequence, maxCount, cancellationToken);

    /// <inheritdoc />
    public async Task AppendAsync(GrainId grainId, long expectedVersion, IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken = default)
    {
        JournalAppendRules.Validate(grainId, expectedVersion, entries);
        Interlocked.Increment(ref _appendCalls);
        var latency = AppendLatency;
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, _timeProvider, cancellationToken).ConfigureAwait(false);
        }

        if (Volatile.Read(ref _hold) is { } hold)
        {
            Interlocked.Increment(ref _heldAppends);
            try
            {
                await hold.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _heldAppends);
            }
        }

        if (RefuseWrites)
        {
            throw new JournalStorageException("Injected fault: writes are refused.");
        }

        if (InjectedFaults.TakeOne(ref _failNextAppends) || (FailWhen?.Invoke(grainId, entries) ?? false))
        {
            throw new JournalStorageException($"Injected fault: the append of {entries.Count} events to {grainId} failed.");
        }

        await Inner.AppendAsync(grainId, expectedVersion, entries, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _appends);
        Interlocked.Add(ref _appendedEvents, entries.Count);
    }

    /// <inheritdoc />
    public Task WriteSnapshotAsync(GrainId grainId, JournalSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        if (RefuseWrites)
        {
            return Task.FromException(new JournalStorageException("Injected fault: writes are refused."));
        }

        return InjectedFaults.TakeOne(ref _failNextSnapshots)
            ? Task.FromException(new JournalStorageException($"Injected fault: the snapshot of {grainId} at version {snapshot.Version} failed."))
            : Inner.WriteSnapshotAsync(grainId, snapshot, cancellationToken);
    }

    private sealed class Release(FaultInjectingJournalStorage owner, TaskCompletionSource gate) : IDisposable
    {
        public void Dispose()
        {
            Interlocked.CompareExchange(ref owner._hold, null, gate);
            gate.TrySetResult();
        }
    }
}
