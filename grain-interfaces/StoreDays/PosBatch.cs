using System.Text.Json.Serialization;
using Orleans;

namespace Parity.GrainInterfaces.StoreDays;

/// <summary>A batch of POS tickets of one store day, as a till or store server uploads them (e.g. every 30 minutes).</summary>
/// <param name="BatchId">The uploader's id of the batch; a re-sent batch keeps it.</param>
/// <param name="Tickets">The tickets, each with a unique <see cref="PosTicket.TicketId"/>.</param>
[GenerateSerializer]
[Alias("parity.storedays.PosBatch")]
public sealed record PosBatch([property: Id(0)] string BatchId, [property: Id(1)] IReadOnlyList<PosTicket> Tickets);

/// <summary>One POS ticket: what was sold and returned, and how it was paid or refunded.</summary>
/// <param name="TicketId">The POS's ticket id, unique within the store day; the idempotency key of the ticket.</param>
/// <param name="OccurredAt">When the ticket was rung up.</param>
/// <param name="Lines">Sale, return and gift-card lines.</param>
/// <param name="Tenders">Payments (positive) and refunds (negative) per tender method.</param>
[GenerateSerializer]
[Alias("parity.storedays.PosTicket")]
public sealed record PosTicket(
    [property: Id(0)] string TicketId,
    [property: Id(1)] DateTimeOffset OccurredAt,
    [property: Id(2)] IReadOnlyList<PosTicketLine> Lines,
    [property: Id(3)] IReadOnlyList<PosTender> Tenders)
{
    /// <summary>Merchandise revenue net of returns: Σ sales − Σ returns of <see cref="PosTicketLine.Amount"/>. Gift cards
    /// sold are not revenue (see <see cref="GiftCardsSold"/>).</summary>
    [JsonIgnore]
    public decimal NetRevenue => Lines.Sum(l => l.Type switch
    {
        PosLineType.Sale => l.Amount,
        PosLineType.Return => -l.Amount,
        _ => 0m,
    });

    /// <summary>Tax net of returns (a gift-card line's tax, when it has any, counts as sold).</summary>
    [JsonIgnore]
    public decimal NetTax => Lines.Sum(l => l.Type == PosLineType.Return ? -l.Tax : l.Tax);

    /// <summary>Σ <see cref="PosTicketLine.Amount"/> of gift-card lines: money taken for gift cards, a liability until redeemed.</summary>
    [JsonIgnore]
    public decimal GiftCardsSold => Lines.Where(l => l.Type == PosLineType.GiftCard).Sum(l => l.Amount);

    /// <summary>Σ tenders.</summary>
    [JsonIgnore]
    public decimal TenderTotal => Tenders.Sum(t => t.Amount);

    /// <summary>Whether net revenue plus net tax plus gift cards sold equals the tenders, to the cent.</summary>
    [JsonIgnore]
    public bool IsBalanced => NetRevenue + NetTax + GiftCardsSold == TenderTotal;
}

/// <summary>One sale, return or gift-card line of a ticket.</summary>
/// <param name="Type">Sale, return or gift card.</param>
/// <param name="Sku">The item; empty on a gift-card line (no stock moves).</param>
/// <param name="Quantity">Units, always positive; the type gives the direction. A gift-card line has 1.</param>
/// <param name="UnitPrice">Price per unit before tax; on a gift-card line, the amount loaded on the card.</param>
/// <param name="Tax">Tax of the whole line (positive, also on returns; 0 on a gift-card line unless the POS sent some).</param>
/// <param name="Restock">For returns: the unit goes back on the shelf (OnHand rises); false records it as not restocked.</param>
/// <param name="TaxCode">The tax code <see cref="Tax"/> posts under (e.g. <c>US-SALES</c>, <c>VAT20</c>); null: the store's default tax code. Left out of stored JSON when null, so a batch sent before tax codes existed keeps its fingerprint.</param>
/// <param name="OriginalOrderId">Return lines only: the canonical id (<c>{channel}:{channelOrderId}</c>) of the order the
/// units were bought on (bought online, returned in store). The order then records the return and reverses the sale; the
/// store day counts only the refund it paid out.</param>
/// <param name="OriginalLineId">Return lines only, with <paramref name="OriginalOrderId"/>: the order's <c>lineId</c>. Both are left out of stored JSON when null, as <paramref name="TaxCode"/> is.</param>
[GenerateSerializer]
[Alias("parity.storedays.PosTicketLine")]
public sealed record PosTicketLine(
    [property: Id(0)] PosLineType Type,
    [property: Id(1)] string Sku,
    [property: Id(2)] int Quantity,
    [property: Id(3)] decimal UnitPrice,
    [property: Id(4)] decimal Tax,
    [property: Id(5)] bool Restock = true,
    [property: Id(6), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TaxCode = null,
    [property: Id(7), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? OriginalOrderId = null,
    [property: Id(8), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? OriginalLineId = null)
{
    /// <summary>Quantity × unit price, rounded to the cent (half away from zero).</summary>
    [JsonIgnore]
    public decimal Amount => Math.Round(Quantity * UnitPrice, 2, MidpointRounding.AwayFromZero);

    /// <summary>A gift card sold (or topped up) for <paramref name="amount"/>.</summary>
    public static PosTicketLine GiftCard(decimal amount, decimal tax = 0m) => new(PosLineType.GiftCard, "", 1, amount, tax);
}

/// <summary>Money taken (positive) or refunded (negative) through one tender method.</summary>
/// <param name="Method">Tender method, e.g. <c>cash</c>, <c>card</c>, <c>gift-card</c>.</param>
/// <param name="Amount">The amount.</param>
[GenerateSerializer]
[Alias("parity.storedays.PosTender")]
public sealed record PosTender([property: Id(0)] string Method, [property: Id(1)] decimal Amount);

/// <summary>The kind of a ticket line.</summary>
[GenerateSerializer]
[Alias("parity.storedays.PosLineType")]
public enum PosLineType
{
    /// <summary>Units sold: OnHand falls, revenue and tax rise.</summary>
    Sale,

    /// <summary>Units returned: OnHand rises when restocked, revenue and tax are reversed.</summary>
    Return,

    /// <summary>A gift card sold or topped up: the money taken is a liability (gift-card liability), not revenue, until
    /// the card pays for something; no SKU, no stock movement, no COGS, and no tax unless the POS sends some.</summary>
    GiftCard,
}
