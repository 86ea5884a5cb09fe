using Orleans.Runtime;

namespace Parity.Providers.Journal;

/// <summary>
/// Append-only event journals, one per grain, with snapshots. Appends are conditional on the journal's current
/// version, so of two activations of one grain only one can write a given sequence: the journal never forks.
/// Implementations throw <see cref="JournalConflictException"/> for a lost conditional append and
/// <see cref="JournalStorageException"/> for a database failure; both stay inside the silo.
/// </summary>
public interface IJournalStorage
{
    /// <summary>Reads the newest snapshot, or null when none was written.</summary>
    Task<JournalSnapshot?> ReadSnapshotAsync(GrainId grainId, CancellationToken cancellationToken = default);

    /// <summary>Reads at most <paramref name="maxCount"/> events with sequence greater than <paramref name="afterSequence"/>, in order.</summary>
    Task<IReadOnlyList<JournalEntry>> ReadAsync(GrainId grainId, long afterSequence, int maxCount = int.MaxValue, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends <paramref name="entries"/> (sequences <paramref name="expectedVersion"/>+1, +2, ...) in one atomic write.
    /// Throws <see cref="JournalConflictException"/> when the journal's last sequence is not
    /// <paramref name="expectedVersion"/>; nothing is written then.
    /// </summary>
    /// <exception cref="ArgumentException">The entries' sequences do not follow <paramref name="expectedVersion"/> without gaps.</exception>
    Task AppendAsync(GrainId grainId, long expectedVersion, IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>Stores a snapshot; an older snapshot never replaces a newer one.</summary>
    Task WriteSnapshotAsync(GrainId grainId, JournalSnapshot snapshot, CancellationToken cancellationToken = default);
}
