using System.Collections.Concurrent;
using Orleans.Runtime;

namespace Parity.Providers.Journal;

/// <summary>
/// Journals in process memory, with the same conditional-append contract as the database storages. For tests and
/// benchmarks: nothing survives the process, and two silos see the same journals only if they share the instance.
/// </summary>
public sealed class MemoryJournalStorage : IJournalStorage
{
    private readonly ConcurrentDictionary<GrainId, Journal> _journals = new();
    private long _appendCount;

    /// <summary>Number of successful appends (writes).</summary>
    public long AppendCount => Interlocked.Read(ref _appendCount);

    /// <inheritdoc />
    public Task<JournalSnapshot?> ReadSnapshotAsync(GrainId grainId, CancellationToken cancellationToken = default)
    {
        if (!_journals.TryGetValue(grainId, out var journal))
        {
            return Task.FromResult<JournalSnapshot?>(null);
        }

        lock (journal)
        {
            return Task.FromResult(journal.Snapshot);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<JournalEntry>> ReadAsync(GrainId grainId, long afterSequence, int maxCount = int.MaxValue, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        if (!_journals.TryGetValue(grainId, out var journal))
        {
            return Task.FromResult<IReadOnlyList<JournalEntry>>([]);
        }

        lock (journal)
        {
            var start = (int)Math.Clamp(afterSequence, 0, journal.Entries.Count);
            var count = Math.Min(maxCount, journal.Entries.Count - start);
            return Task.FromResult<IReadOnlyList<JournalEntry>>(journal.Entries.GetRange(start, count));
        }
    }

    /// <inheritdoc />
    public Task AppendAsync(GrainId grainId, long expectedVersion, IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken = default)
    {
        JournalAppendRules.Validate(grainId, expectedVersion, entries);
        if (entries.Count == 0)
        {
            return Task.CompletedTask;
        }

        var journal = _journals.GetOrAdd(grainId, static _ => new Journal());
        lock (journal)
        {
            if (journal.Entries.Count != expectedVersion)
            {
                return Task.FromException(new JournalConflictException(grainId, expectedVersion, journal.Entries.Count));
            }

            journal.Entries.AddRange(entries);
        }

        Interlocked.Increment(ref _appendCount);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task WriteSnapshotAsync(GrainId grainId, JournalSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var journal = _journals.GetOrAdd(grainId, static _ => new Journal());
        lock (journal)
        {
            if (journal.Snapshot is null || journal.Snapshot.Version < snapshot.Version)
            {
                journal.Snapshot = snapshot;
            }
        }

        return Task.CompletedTask;
    }

    private sealed class Journal
    {
        public List<JournalEntry> Entries { get; } = [];

        public JournalSnapshot? Snapshot { get; set; }
    }
}
