using System.Text.Json.Serialization;
using Orleans;

namespace Parity.GrainInterfaces.Erp;

/// <summary>
/// A balanced double-entry journal on its way to the ERP (domain.md, ERP posting). Built once from a
/// business fact by the posting rules; never edited after it is posted (corrections are reversing journals).
/// </summary>
/// <param name="JournalKey">Deterministic idempotency key (hash of source event ids + rule id), sent as the ERP's external id.</param>
/// <param name="RuleId">The posting rule that built it (part of the key).</param>
/// <param name="FactId">The business fact it was built from.</param>
/// <param name="LegalEntity">The legal entity that books it.</param>
/// <param name="Currency">ISO 4217 currency of every line; a journal balances in its one currency.</param>
/// <param name="PostingDate">The accounting date (the fact's occurred-at date, UTC).</param>
/// <param name="Description">What happened, for people reading the ERP.</param>
/// <param name="Lines">The lines; debits equal credits.</param>
/// <param name="SourceEventIds">The channel events behind it (lineage).</param>
/// <param name="CorrelationId">The correlation id of the request that caused it.</param>
/// <param name="ReversesJournalKey">For a reversing entry: the journal it reverses.</param>
[GenerateSerializer]
[Alias("parity.erp.ErpJournal")]
public sealed record ErpJournal(
    [property: Id(0)] string JournalKey,
    [property: Id(1)] string RuleId,
    [property: Id(2)] string FactId,
    [property: Id(3)] string LegalEntity,
    [property: Id(4)] string Currency,
    [property: Id(5)] DateOnly PostingDate,
    [property: Id(6)] string Description,
    [property: Id(7)] IReadOnlyList<JournalLine> Lines,
    [property: Id(8)] IReadOnlyList<string> SourceEventIds,
    [property: Id(9)] string CorrelationId,
    [property: Id(10)] string? ReversesJournalKey = null)
{
    /// <summary>Sum of the debit lines.</summary>
    [JsonIgnore]
    public decimal TotalDebit => Lines.Where(l => l.Side == JournalSide.Debit).Sum(l => l.Amount);

    /// <summary>Sum of the credit lines.</summary>
    [JsonIgnore]
    public decimal TotalCredit => Lines.Where(l => l.Side == JournalSide.Credit).Sum(l => l.Amount);
}

/// <summary>One line of a journal, with its dimensions.</summary>
/// <param name="Account">The ERP account number from the chart of accounts.</param>
/// <param name="Side">Debit or credit.</param>
/// <param name="Amount">The amount, never negative.</param>
/// <param name="Channel">Dimension: the channel.</param>
/// <param name="Location">Dimension: the location.</param>
/// <param name="Memo">What the line is (amount type and qualifier).</param>
[GenerateSerializer]
[Alias("parity.erp.JournalLine")]
public sealed record JournalLine(
    [property: Id(0)] string Account,
    [property: Id(1)] JournalSide Side,
    [property: Id(2)] decimal Amount,
    [property: Id(3)] string Channel,
    [property: Id(4)] string Location,
    [property: Id(5)] string Memo);

/// <summary>The side of a journal line.</summary>
[GenerateSerializer]
[Alias("parity.erp.JournalSide")]
public enum JournalSide
{
    /// <summary>Debit.</summary>
    Debit,

    /// <summary>Credit.</summary>
    Credit,
}
