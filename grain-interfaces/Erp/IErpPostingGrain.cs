using Parity.GrainInterfaces.Posting;
using Parity.Runtime;

namespace Parity.GrainInterfaces.Erp;

/// <summary>
/// Sends one legal entity's journals to the ERP (key = legal entity) exactly once: a durable queue drained in
/// order through <see cref="IErpConnector"/>, with backoff, the ERP's rate limit, a circuit during outages and a
/// reminder so a deactivated grain or restarted silo resumes. Enqueueing never waits for the ERP.
/// </summary>
public interface IErpPostingGrain : IGrainWithStringKey
{
    /// <summary>Queues journals durably; a journal key already queued, posted or held changes nothing.</summary>
    /// <param name="requests">The journals with the facts they were built from.</param>
    /// <returns>How many were new.</returns>
    Task<int> EnqueueAsync(IReadOnlyList<PostingRequest> requests);

    /// <summary>
    /// Retries a journal the ERP rejected (for the exception console, after the mapping is fixed): rebuilds it
    /// from its fact with the current posting rules, under the same journal key, and queues it again.
    /// </summary>
    /// <param name="journalKey">The rejected journal.</param>
    /// <returns>True when it was queued again; false when no rejected journal has that key.</returns>
    Task<bool> RetryRejectedAsync(string journalKey);

    /// <summary>
    /// Corrects a posted journal with a reversing entry (sides swapped, new key derived from the original key and
    /// <paramref name="correctionId"/>); the posted journal is never edited. Idempotent by correction id.
    /// </summary>
    /// <param name="journalKey">The posted (or queued) journal to reverse.</param>
    /// <param name="correctionId">Id of the correction, e.g. the console action id.</param>
    /// <returns>The key of the reversing journal.</returns>
    Task<string> ReverseAsync(string journalKey, string correctionId);

    /// <summary>The queue's figures: queued, posted, rejected, circuit state.</summary>
    [AlwaysInterleave]
    Task<ErpPostingStatus> GetStatusAsync();

    /// <summary>The ERP document id of a posted journal, or null.</summary>
    /// <param name="journalKey">The journal.</param>
    [AlwaysInterleave]
    Task<string?> GetDocumentIdAsync(string journalKey);
}

/// <summary>A journal to post and the fact it came from (kept so that a rejected journal can be rebuilt).</summary>
/// <param name="Journal">The journal.</param>
/// <param name="Fact">The fact; null for reversing entries.</param>
public sealed record PostingRequest(ErpJournal Journal, BusinessFact? Fact);

/// <summary>The figures of one legal entity's ERP posting queue.</summary>
/// <param name="Queued">Journals waiting for the ERP.</param>
/// <param name="Posted">Journals the ERP booked (including those it reported as duplicates of our own earlier send).</param>
/// <param name="Rejected">Journals the ERP refused, held for the exception console.</param>
/// <param name="CircuitOpen">True while the circuit is open (the ERP is considered down).</param>
/// <param name="OldestQueuedAt">When the oldest queued journal was queued.</param>
/// <param name="ConsecutiveFailures">Transient failures in a row.</param>
public sealed record ErpPostingStatus(int Queued, int Posted, int Rejected, bool CircuitOpen, DateTimeOffset? OldestQueuedAt, int ConsecutiveFailures);
