using Orleans.Concurrency;

namespace Parity.GrainInterfaces.StoreDays;

/// <summary>
/// One store's business day (key <c>{store}:{businessDate}</c>, see <see cref="StoreDayKey"/>): takes POS tickets in
/// batches, records each line on its inventory position as a fact, keeps totals per tender method, and hands the day's
/// finance facts to ERP posting per ticket or as one summary at close. Tickets that arrive after close become
/// adjustments; the summary is never edited.
/// </summary>
/// <remarks>
/// Idempotent: a batch re-sent under its batch id returns its original outcome and changes nothing, and a ticket id
/// already recorded is reported as a duplicate instead of being counted twice. A caller is answered only once the
/// batch is durable; inventory lines and posting hand-offs that fail are kept in the journaled state and retried by a
/// reminder, never failing the batch.
/// </remarks>
[Orleans.Alias("parity.storedays.IStoreDayGrain")]
public interface IStoreDayGrain : IGrainWithStringKey
{
    /// <summary>Records a batch of tickets.</summary>
    /// <param name="batch">The batch; every ticket must balance (revenue + tax = tenders).</param>
    /// <returns>What became of each ticket; the same answer for a re-sent batch.</returns>
    /// <exception cref="InvalidPosBatchException">The batch is malformed or reuses its id for other content.</exception>
    [Orleans.Alias("SubmitBatch")]
    Task<PosBatchOutcome> SubmitBatchAsync(PosBatch batch);

    /// <summary>Closes the day (idempotent): in summary mode the day's summary fact is queued for posting.
    /// Tickets arriving later become adjustments.</summary>
    /// <returns>The day after closing.</returns>
    [Orleans.Alias("Close")]
    Task<StoreDayView> CloseAsync();

    /// <summary>Status, totals and pending work of the day.</summary>
    [Orleans.Alias("Get")]
    [AlwaysInterleave]
    Task<StoreDayView> GetAsync();
}
