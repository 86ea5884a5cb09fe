using System.Collections.Concurrent;
using Orleans.Runtime;
using Parity.Providers.Journal;

namespace Parity.Gateway.Tests.Testing;

/// <summary>The cluster's journal with a gate: appends of chosen grains wait until the test opens it, so a test can hold
/// a grain mid-call (a request in flight, a full queue, a call past its deadline) without timing. Failures are injected
/// by <see cref="Faults"/>.</summary>
public sealed class GatedJournalStorage(FaultInjectingJournalStorage inner) : IJournalStorage
{
    private volatile AppendGate? _gate;
    private long _eventsAppended;
    private long _snapshotsWritten;
    private readonly ConcurrentQueue<string> _correlationIds = new();

    /// <summary>Fault injection in front of the stored journals.</summary>
    public FaultInjectingJournalStorage Faults { get; } = inner;

    /// <summary>Events appended to any grain's journal since the silo started (the rows a journal table would grow by).</summary>
    public long EventsAppended => Interlocked.Read(ref _eventsAppended);

    /// <summary>Snapshots written for any grain since the silo started.</summary>
    public long SnapshotsWritten => Interlocked.Read(ref _snapshotsWritten);

    /// <summary>Events appended whose correlation id starts with <paramref name="prefix"/>: what requests sent with such
    /// ids stored, whatever background work stored meanwhile.</summary>
    public long EventsCorrelatedWith(string prefix) => _correlationIds.Count(id => id.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>Holds every append of grains matching <paramref name="which"/> until the gate is opened.</summary>
    public AppendGate Hold(Func<GrainId, bool> which) => _gate = new AppendGate(which, () => _gate = null);

    public Task<JournalSnapshot?> ReadSnapshotAsync(GrainId grainId, CancellationToken cancellationToken = default) =>
        Faults.ReadSnapshotAsync(grainId, cancellationToken);

    public Task<IReadOnlyList<JournalEntry>> ReadAsync(GrainId grainId, long afterSequence, int maxCount = int.MaxValue, CancellationToken cancellationToken = default) =>
        Faults.ReadAsync(grainId, afterSequence, maxCount, cancellationToken);

    public async Task AppendAsync(GrainId grainId, long expectedVersion, IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken = default)
    {
        if (_gate is { } gate && gate.Matches(grainId))
        {
            await gate.WaitAsync();
        }

        await Faults.AppendAsync(grainId, expectedVersion, entries, cancellationToken);
        Interlocked.Add(ref _eventsAppended, entries.Count);
        foreach (var entry in entries)
        {
            if (entry.Metadata.CorrelationId is { } correlationId)
            {
                _correlationIds.Enqueue(correlationId);
            }
        }
    }

    public async Task WriteSnapshotAsync(GrainId grainId, JournalSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        await Faults.WriteSnapshotAsync(grainId, snapshot, cancellationToken);
        Interlocked.Increment(ref _snapshotsWritten);
    }
}

/// <summary>A closed gate on appends; <see cref="Open"/> lets them through.</summary>
public sealed class AppendGate(Func<GrainId, bool> which, Action onOpen)
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first held append arrived.</summary>
    public Task Reached => _reached.Task;

    internal bool Matches(GrainId grainId) => !_open.Task.IsCompleted && which(grainId);

    internal Task WaitAsync()
    {
        _reached.TrySetResult();
        return _open.Task;
    }

    /// <summary>Lets held and later appends through.</summary>
    public void Open()
    {
        onOpen();
        _open.TrySetResult();
    }
}
