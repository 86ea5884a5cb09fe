using Orleans;

namespace Parity.GrainInterfaces.Posting;

/// <summary>
/// One finance-relevant business fact in canonical form (domain.md, ERP posting): what happened, in which legal
/// entity, channel and location, with the amounts posting rules turn into a balanced journal, and the lineage that
/// makes every ERP line traceable to the channel events behind it.
/// </summary>
/// <param name="FactId">Deterministic id of the fact (e.g. <c>shipment:{orderId}:{eventId}</c>); the idempotency key.</param>
/// <param name="Kind">What happened.</param>
/// <param name="LegalEntity">The legal entity that books it.</param>
/// <param name="Channel">The channel it came from.</param>
/// <param name="Location">The location it happened at.</param>
/// <param name="Currency">ISO 4217 currency of every amount.</param>
/// <param name="OccurredAt">When it happened in the source system.</param>
/// <param name="Amounts">The amounts, positive in their natural direction (revenue, tax and tenders of a sale are positive).</param>
/// <param name="Lineage">The events and correlation id behind the fact.</param>
/// <param name="OrderId">The canonical order id, when there is one.</param>
/// <param name="ReleasedByPerson">The fact reached posting only because a person acted on an exception on its way
/// (finance matched a settlement line or sent it to suspense, a held fact was retried from the console): its journal
/// does not count as posted automatically.</param>
[GenerateSerializer]
[Alias("parity.posting.BusinessFact")]
// Immutable (built fresh, never changed after): Orleans passes it by reference within a silo instead of deep-copying it.
[Immutable]
public sealed record BusinessFact(
    [property: Id(0)] string FactId,
    [property: Id(1)] BusinessFactKind Kind,
    [property: Id(2)] string LegalEntity,
    [property: Id(3)] string Channel,
    [property: Id(4)] string Location,
    [property: Id(5)] string Currency,
    [property: Id(6)] DateTimeOffset OccurredAt,
    [property: Id(7)] IReadOnlyList<FactAmount> Amounts,
    [property: Id(8)] FactLineage Lineage,
    [property: Id(9)] string? OrderId = null,
    [property: Id(10)] bool ReleasedByPerson = false);

/// <summary>One amount of a fact.</summary>
/// <param name="Type">What the amount is; see <see cref="FactAmountTypes"/>.</param>
/// <param name="Amount">The amount in the fact's currency.</param>
/// <param name="Qualifier">Refines the type: tax code for tax, tender method for tenders, fee type for fees, SKU for COGS.</param>
[GenerateSerializer]
[Alias("parity.posting.FactAmount")]
public sealed record FactAmount(
    [property: Id(0)] string Type,
    [property: Id(1)] decimal Amount,
    [property: Id(2)] string? Qualifier = null);

/// <summary>The lineage of a fact.</summary>
/// <param name="CorrelationId">The correlation id of the request that caused it.</param>
/// <param name="SourceSystem">The system the source events came from (e.g. shopify, pos, stripe).</param>
/// <param name="SourceEventIds">The channel event ids behind the fact.</param>
[GenerateSerializer]
[Alias("parity.posting.FactLineage")]
public sealed record FactLineage(
    [property: Id(0)] string CorrelationId,
    [property: Id(1)] string SourceSystem,
    [property: Id(2)] IReadOnlyList<string> SourceEventIds);

/// <summary>The answer to a submitted fact.</summary>
/// <param name="FactId">The fact.</param>
/// <param name="JournalKey">The deterministic idempotency key of the journal (sent to the ERP as its external id).</param>
/// <param name="Duplicate">True when the fact had been submitted before.</param>
/// <param name="NothingToPost">True when every amount of the fact is zero, so no journal exists under <paramref name="JournalKey"/>.</param>
[GenerateSerializer]
[Alias("parity.posting.PostingReceipt")]
public sealed record PostingReceipt(
    [property: Id(0)] string FactId,
    [property: Id(1)] string JournalKey,
    [property: Id(2)] bool Duplicate,
    [property: Id(3)] bool NothingToPost = false);

/// <summary>The kinds of fact posting rules know.</summary>
[GenerateSerializer]
[Alias("parity.posting.BusinessFactKind")]
public enum BusinessFactKind
{
    /// <summary>Order lines shipped: revenue, tax, shipping, discounts, COGS, tender clearing.</summary>
    SaleShipped,

    /// <summary>Returned lines received: reverses revenue, tax and (when restocked) COGS.</summary>
    SaleReturned,

    /// <summary>Money refunded to a tender.</summary>
    Refunded,

    /// <summary>One POS ticket (when a store posts per ticket).</summary>
    PosTicket,

    /// <summary>A store day's summary at close.</summary>
    StoreDaySummary,

    /// <summary>A late ticket for a closed store day.</summary>
    StoreDayAdjustment,

    /// <summary>A provider settlement: clearing to bank, fees to expense.</summary>
    SettlementReceived,
}

/// <summary>Well-known <see cref="FactAmount.Type"/> values; posting rules map each to an account.</summary>
public static class FactAmountTypes
{
    /// <summary>Net merchandise revenue.</summary>
    public const string Revenue = "revenue";

    /// <summary>Tax collected (qualifier: tax code).</summary>
    public const string Tax = "tax";

    /// <summary>Shipping charged.</summary>
    public const string Shipping = "shipping";

    /// <summary>Discounts given (positive amount, reduces revenue).</summary>
    public const string Discount = "discount";

    /// <summary>Cost of goods sold at unit cost (qualifier: SKU).</summary>
    public const string Cogs = "cogs";

    /// <summary>Money taken or refunded through a tender (qualifier: tender method, e.g. card, cash, gift-card).</summary>
    public const string Tender = "tender";

    /// <summary>A provider fee (qualifier: fee type, e.g. commission, scheme, fulfilment).</summary>
    public const string Fee = "fee";

    /// <summary>Money paid out by a provider to the bank.</summary>
    public const string Payout = "payout";

    /// <summary>A chargeback or reversal by a provider.</summary>
    public const string Chargeback = "chargeback";

    /// <summary>A settlement variance beyond tolerance, held in suspense.</summary>
    public const string Suspense = "suspense";

    /// <summary>A gift card sold (issued or topped up): a liability, not revenue.</summary>
    public const string GiftCardIssued = "gift-card-issued";

    /// <summary>Money a store's till paid back for units of another channel's order returned there (bought online,
    /// returned in store): it settles the refund the order's return owes (refunds payable); the order reverses the sale.</summary>
    public const string OrderRefund = "order-refund";

    /// <summary>Money given back for goods shipped and kept (a goodwill refund, a price adjustment): an allowance against
    /// revenue, paid through the refund's tender. Tax is not adjusted.</summary>
    public const string Allowance = "allowance";
}
