namespace Parity.Providers.Journal;

/// <summary>
/// Implemented by a journaled grain whose snapshots should not come every <see cref="ParityJournalOptions.SnapshotInterval"/>
/// events: a snapshot costs time proportional to the state, so a grain with a large state asks for fewer of them
/// (amortised O(1) per event, replay at activation still bounded by the state's own size).
/// </summary>
/// <typeparam name="TLogView">The grain's state.</typeparam>
public interface IJournalSnapshotPolicy<in TLogView>
{
    /// <summary>Events between two snapshots of <paramref name="confirmedView"/>; asked after each durable append.</summary>
    /// <param name="confirmedView">The state as of the last durable event.</param>
    /// <param name="defaultInterval">The provider's <see cref="ParityJournalOptions.SnapshotInterval"/>.</param>
    /// <returns>At least 1.</returns>
    int GetSnapshotInterval(TLogView confirmedView, int defaultInterval);
}
