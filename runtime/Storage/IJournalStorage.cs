namespace Parity.Runtime.Storage;

/// <summary>
/// Append-only event journals, one per grain, with snapshots. Appends are conditional on the
/// journal's current version so that of two activations of one grain only one can write (Principle 1).
/// </summary>
public interface IJournalStorage
{
    /// <summary>Reads the newest snapshot, or null when none was written.</summary>
    Task<JournalSnapshot?> ReadSnapshotAsync(GrainId grainId, CancellationToken cancellationToken = default);

    /// <summary>Reads events with sequence greater than <paramref name="afterSequence"/>, in order.</summary>
    Task<IReadOnlyList<JournalEntry>> ReadAsync(GrainId grainId, long afterSequence, int maxCount = int.MaxValue, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends <paramref name="entries"/> (sequences <paramref name="expectedVersion"/>+1, +2, ...) in one
    /// atomic write. Throws <see cref="InconsistentStateException"/> when the journal's last sequence is not
    /// <paramref name="expectedVersion"/>; nothing is written then.
    /// </summary>
    Task AppendAsync(GrainId grainId, long expectedVersion, IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>Stores a snapshot; an older snapshot never replaces a newer one.</summary>
    Task WriteSnapshotAsync(GrainId grainId, JournalSnapshot snapshot, CancellationToken cancellationToken = default);
}
