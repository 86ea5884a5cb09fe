using System.Collections.Concurrent;

namespace Parity.Runtime.Storage;

/// <summary>Journals in process memory, with the same conditional-append contract as the database
/// providers. For tests and benchmarks; nothing survives the process.</summary>
public sealed class MemoryJournalStorage : IJournalStorage
{
    private readonly ConcurrentDictionary<GrainId, Journal> _journals = new();

    /// <summary>Number of successful appends (writes), for tests and benchmarks.</summary>
    public long AppendCount => Interlocked.Read(ref _appendCount);

    private long _appendCount;

    /// <inheritdoc />
    public Task<JournalSnapshot?> ReadSnapshotAsync(GrainId grainId, CancellationToken cancellationToken = default)
        => Task.FromResult(_journals.TryGetValue(grainId, out var journal) ? journal.Snapshot : null);

    /// <inheritdoc />
    public Task<IReadOnlyList<JournalEntry>> ReadAsync(GrainId grainId, long afterSequence, int maxCount = int.MaxValue, CancellationToken cancellationToken = default)
    {
        if (!_journals.TryGetValue(grainId, out var journal))
        {
            return Task.FromResult<IReadOnlyList<JournalEntry>>([]);
        }

        lock (journal)
        {
            var start = (int)Math.Min(afterSequence, journal.Entries.Count);
            var count = Math.Min(maxCount, journal.Entries.Count - start);
            return Task.FromResult<IReadOnlyList<JournalEntry>>(journal.Entries.GetRange(start, count));
        }
    }

    /// <inheritdoc />
    public Task AppendAsync(GrainId grainId, long expectedVersion, IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken = default)
    {
        var journal = _journals.GetOrAdd(grainId, static _ => new Journal());
        lock (journal)
        {
            if (journal.Entries.Count != expectedVersion)
            {
                return Task.FromException(new InconsistentStateException(
                    $"Journal of {grainId} is at version {journal.Entries.Count}, not {expectedVersion}.", journal.Entries.Count.ToString(), expectedVersion.ToString()));
            }

            for (var i = 0; i < entries.Count; i++)
            {
                if (entries[i].Sequence != expectedVersion + i + 1)
                {
                    return Task.FromException(new ArgumentException($"Entry {i} has sequence {entries[i].Sequence}; expected {expectedVersion + i + 1}."));
                }
            }

            journal.Entries.AddRange(entries);
        }

        Interlocked.Increment(ref _appendCount);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task WriteSnapshotAsync(GrainId grainId, JournalSnapshot snapshot, CancellationToken cancellationToken = default)
    {
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

    /// <summary>The stored events of one grain (test inspection).</summary>
    public IReadOnlyList<JournalEntry> GetEntries(GrainId grainId)
    {
        if (!_journals.TryGetValue(grainId, out var journal))
        {
            return [];
        }

        lock (journal)
        {
            return journal.Entries.ToArray();
        }
    }

    private sealed class Journal
    {
        public List<JournalEntry> Entries { get; } = [];

        public JournalSnapshot? Snapshot { get; set; }
    }
}
