using Parity.Runtime;

namespace Parity.GrainInterfaces.Posting;

/// <summary>
/// Where order, store-day and settlement grains hand finance-relevant facts to ERP posting (key = legal entity).
/// Submitting is idempotent by <see cref="BusinessFact.FactId"/>: a repeated fact returns the first receipt and
/// never produces a second journal.
/// </summary>
public interface IPostingIntakeGrain : IGrainWithStringKey
{
    /// <summary>Accepts a fact durably; the journal is built and sent to the ERP afterwards.</summary>
    /// <param name="fact">The fact.</param>
    /// <returns>The receipt naming the journal the fact became (or was already).</returns>
    Task<PostingReceipt> SubmitAsync(BusinessFact fact);
}
