using Orleans.Concurrency;

namespace Parity.GrainInterfaces.Posting;

/// <summary>
/// Where order, store-day and settlement grains hand finance-relevant facts to ERP posting (key = legal entity).
/// Submitting is idempotent by <see cref="BusinessFact.FactId"/>: a repeated fact returns the first receipt and
/// never produces a second journal.
/// </summary>
[Orleans.Alias("parity.posting.IPostingIntakeGrain")]
public interface IPostingIntakeGrain : IGrainWithStringKey
{
    /// <summary>Accepts a fact durably; the journal is built and sent to the ERP afterwards.</summary>
    /// <param name="fact">The fact.</param>
    /// <returns>The receipt naming the journal the fact became (or was already).</returns>
    [Orleans.Alias("Submit")]
    Task<PostingReceipt> SubmitAsync(BusinessFact fact);

    /// <summary>
    /// Builds a held fact's journal again with the current posting rules (for the exception console, after an
    /// UnmappedTaxCode or UnbalancedJournal exception was fixed) and hands it on when it now balances.
    /// </summary>
    /// <param name="factId">The held fact.</param>
    /// <returns>True when the journal was built and handed on; false when the fact is not held or still fails.</returns>
    [Orleans.Alias("RetryHeld")]
    Task<bool> RetryHeldAsync(string factId);

    /// <summary>The facts held because no balanced journal could be built, with the reason.</summary>
    [Orleans.Alias("GetHeld")]
    [AlwaysInterleave]
    Task<IReadOnlyList<HeldFact>> GetHeldAsync();
}

/// <summary>A fact whose journal could not be built, held until the mapping is fixed.</summary>
/// <param name="Fact">The fact.</param>
/// <param name="Reason">Why: the unmapped amount or the imbalance.</param>
/// <param name="Category">The exception raised for it (UnmappedTaxCode or UnbalancedJournal).</param>
/// <param name="ExceptionId">That exception's trace key (its id on the exception console); null on facts held before
/// trace keys were recorded.</param>
[Orleans.GenerateSerializer]
[Orleans.Alias("parity.posting.HeldFact")]
public sealed record HeldFact(
    [property: Orleans.Id(0)] BusinessFact Fact,
    [property: Orleans.Id(1)] string Reason,
    [property: Orleans.Id(2)] Parity.GrainInterfaces.Exceptions.ExceptionCategory Category,
    [property: Orleans.Id(3)] string? ExceptionId = null);
