using Parity.GrainInterfaces.Posting;
using Orleans.Concurrency;

namespace Parity.GrainInterfaces.Erp;

/// <summary>
/// Sends one legal entity's journals to the ERP (key = legal entity) exactly once: a durable queue drained in
/// order through <see cref="IErpConnector"/>, with backoff, the ERP's rate limit, a circuit during outages and a
/// reminder so a deactivated grain or restarted silo resumes. Enqueueing never waits for the ERP.
/// </summary>
[Orleans.Alias("parity.erp.IErpPostingGrain")]
public interface IErpPostingGrain : IGrainWithStringKey
{
    /// <summary>Queues journals durably; a journal key already queued, posted or held changes nothing.</summary>
    /// <param name="requests">The journals with the facts they were built from.</param>
    /// <returns>How many were new.</returns>
    [Orleans.Alias("Enqueue")]
    Task<int> EnqueueAsync(IReadOnlyList<PostingRequest> requests);

    /// <summary>
    /// Retries a journal the ERP rejected (for the exception console, after the mapping is fixed): rebuilds it
    /// from its fact with the current posting rules, under the same journal key, and queues it again.
    /// </summary>
    /// <param name="journalKey">The rejected journal.</param>
    /// <returns>True when it was queued again; false when no rejected journal has that key.</returns>
    [Orleans.Alias("RetryRejected")]
    Task<bool> RetryRejectedAsync(string journalKey);

    /// <summary>
    /// Corrects a posted journal with a reversing entry (sides swapped, new key derived from the original key and
    /// <paramref name="correctionId"/>); the posted journal is never edited. Idempotent by correction id.
    /// </summary>
    /// <param name="journalKey">The posted (or queued) journal to reverse.</param>
    /// <param name="correctionId">Id of the correction, e.g. the console action id.</param>
    /// <returns>The key of the reversing journal.</returns>
    [Orleans.Alias("Reverse")]
    Task<string> ReverseAsync(string journalKey, string correctionId);

    /// <summary>The queue's figures: queued, posted, rejected, circuit state.</summary>
    [Orleans.Alias("GetStatus")]
    [AlwaysInterleave]
    Task<ErpPostingStatus> GetStatusAsync();

    /// <summary>The ERP document id of a posted journal, or null.</summary>
    /// <param name="journalKey">The journal.</param>
    [Orleans.Alias("GetDocumentId")]
    [AlwaysInterleave]
    Task<string?> GetDocumentIdAsync(string journalKey);
}

/// <summary>A journal to post and the fact it came from (kept so that a rejected journal can be rebuilt).</summary>
/// <param name="Journal">The journal.</param>
/// <param name="Fact">The fact; null for reversing entries.</param>
[Orleans.GenerateSerializer]
[Orleans.Alias("parity.erp.PostingRequest")]
public sealed record PostingRequest(
    [property: Orleans.Id(0)] ErpJournal Journal,
    [property: Orleans.Id(1)] BusinessFact? Fact);

/// <summary>The figures of one legal entity's ERP posting queue.</summary>
/// <param name="Queued">Journals waiting for the ERP.</param>
/// <param name="Posted">Journals the ERP booked (including those it reported as duplicates of our own earlier send).</param>
/// <param name="Rejected">Journals the ERP refused, held for the exception console.</param>
/// <param name="CircuitOpen">True while the circuit is open (the ERP is considered down).</param>
/// <param name="OldestQueuedAt">When the oldest queued journal was queued.</param>
/// <param name="ConsecutiveFailures">Transient failures in a row.</param>
[Orleans.GenerateSerializer]
[Orleans.Alias("parity.erp.ErpPostingStatus")]
public sealed record ErpPostingStatus(
    [property: Orleans.Id(0)] int Queued,
    [property: Orleans.Id(1)] int Posted,
    [property: Orleans.Id(2)] int Rejected,
    [property: Orleans.Id(3)] bool CircuitOpen,
    [property: Orleans.Id(4)] DateTimeOffset? OldestQueuedAt,
    [property: Orleans.Id(5)] int ConsecutiveFailures);
