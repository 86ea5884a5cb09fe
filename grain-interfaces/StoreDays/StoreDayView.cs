using Orleans;

namespace Parity.GrainInterfaces.StoreDays;

/// <summary>A store day as operators and the gateway see it.</summary>
/// <param name="Store">The store.</param>
/// <param name="BusinessDate">The business date.</param>
/// <param name="Status">Open or Closed.</param>
/// <param name="Posting">The posting granularity fixed for this day (by the store's configuration when the day began).</param>
/// <param name="LegalEntity">The legal entity the day posts to.</param>
/// <param name="Currency">The currency of every amount.</param>
/// <param name="Batches">Batches recorded.</param>
/// <param name="Totals">Tickets recorded while the day was open.</param>
/// <param name="LateTotals">Tickets recorded after close (adjustments).</param>
/// <param name="ClosedAt">When the day was closed.</param>
/// <param name="PendingInventoryLines">Ticket lines not yet recorded on their inventory position (retried).</param>
/// <param name="PendingPostings">Facts not yet accepted by posting (retried).</param>
/// <param name="PostedFacts">Fact ids accepted by posting, in order; a fact posting holds is listed under
/// <paramref name="HeldPostings"/> instead.</param>
/// <param name="HeldPostings">Facts posting accepted but holds as an exception (no journal could be built, e.g. an
/// unmapped tax code): they have not posted until the exception is resolved.</param>
/// <param name="Problems">What is wrong with the stored day (batches whose amounts overflow its totals, journaled before
/// the money bounds), null when nothing is; the totals leave those batches out.</param>
[GenerateSerializer]
[Alias("parity.storedays.StoreDayView")]
public sealed record StoreDayView(
    [property: Id(0)] string Store,
    [property: Id(1)] DateOnly BusinessDate,
    [property: Id(2)] StoreDayStatus Status,
    [property: Id(3)] PostingGranularity Posting,
    [property: Id(4)] string LegalEntity,
    [property: Id(5)] string Currency,
    [property: Id(6)] int Batches,
    [property: Id(7)] StoreDayTotals Totals,
    [property: Id(8)] StoreDayTotals LateTotals,
    [property: Id(9)] DateTimeOffset? ClosedAt,
    [property: Id(10)] int PendingInventoryLines,
    [property: Id(11)] IReadOnlyList<string> PendingPostings,
    [property: Id(12)] IReadOnlyList<string> PostedFacts,
    [property: Id(13)] IReadOnlyList<StoreDayHeldPosting>? HeldPostings = null,
    [property: Id(14)] IReadOnlyList<string>? Problems = null);

/// <summary>A store-day fact that posting holds: shown as held, never as posted.</summary>
/// <param name="FactId">The fact.</param>
/// <param name="Category">The exception's category (UnmappedTaxCode or UnbalancedJournal).</param>
/// <param name="ExceptionId">The exception's trace key on the exception console (<c>/v1/exceptions/{id}</c>); null when
/// posting held the fact before it recorded trace keys.</param>
/// <param name="Reason">Why, in business words.</param>
[GenerateSerializer]
[Alias("parity.storedays.StoreDayHeldPosting")]
public sealed record StoreDayHeldPosting(
    [property: Id(0)] string FactId,
    [property: Id(1)] Parity.GrainInterfaces.Exceptions.ExceptionCategory Category,
    [property: Id(2)] string? ExceptionId,
    [property: Id(3)] string Reason);

/// <summary>Sums over a set of tickets.</summary>
/// <param name="Tickets">Tickets counted.</param>
/// <param name="SalesRevenue">Revenue of sale lines.</param>
/// <param name="ReturnsRevenue">Revenue reversed by return lines (positive).</param>
/// <param name="Tax">Tax net of returns.</param>
/// <param name="Tenders">Net tenders per method.</param>
[GenerateSerializer]
[Alias("parity.storedays.StoreDayTotals")]
public sealed record StoreDayTotals(
    [property: Id(0)] int Tickets,
    [property: Id(1)] decimal SalesRevenue,
    [property: Id(2)] decimal ReturnsRevenue,
    [property: Id(3)] decimal Tax,
    [property: Id(4)] IReadOnlyDictionary<string, decimal> Tenders)
{
    private static readonly IReadOnlyDictionary<string, decimal> NoTax = new Dictionary<string, decimal>();
    [Id(7)]
    private readonly IReadOnlyDictionary<string, decimal>? _taxByCode;

    /// <summary>No tickets.</summary>
    public static StoreDayTotals Empty { get; } = new(0, 0, 0, 0, new Dictionary<string, decimal>());

    /// <summary>Money taken for gift cards sold or topped up (gift-card liability, not revenue).</summary>
    [Id(5)]
    public decimal GiftCardsSold { get; init; }

    /// <summary>Cost of goods sold per SKU at the unit costs in force when each ticket was recorded, net of returns
    /// back in stock; SKUs without a configured cost are absent. Each ticket's cost is rounded to the cent before it
    /// is added, so a summary equals the sum of its tickets.</summary>
    [Id(6)]
    public IReadOnlyDictionary<string, decimal> Cogs { get; init; } = new Dictionary<string, decimal>();

    /// <summary>Tax net of returns per tax code (the line's, else the store's default). Tax of lines with neither is in
    /// <see cref="Tax"/> only, as is all tax of totals kept before tax codes existed.</summary>
    public IReadOnlyDictionary<string, decimal> TaxByCode
    {
        // Payloads written before tax codes carry no member 7; Orleans then leaves the field null.
        get => _taxByCode ?? NoTax;
        init => _taxByCode = value;
    }

    /// <summary>Refunds the till paid for returns of other channels' orders (return lines naming their order, see
    /// <see cref="PosTicketLine.OriginalOrderId"/>): their revenue, tax and COGS reverse on the order, in its channel, so
    /// they are not in <see cref="ReturnsRevenue"/>, <see cref="Tax"/> or <see cref="Cogs"/>; the refund stays in
    /// <see cref="Tenders"/>, where the drawer paid it.</summary>
    [Id(8)]
    public decimal OrderRefunds { get; init; }

    /// <summary>Sales minus returns.</summary>
    public decimal NetRevenue => SalesRevenue - ReturnsRevenue;

    /// <summary>These totals with one more ticket.</summary>
    /// <param name="ticket">The ticket.</param>
    /// <param name="cogs">The ticket's COGS per SKU (sales minus restocked returns), as the store day costed it; none when null.</param>
    /// <param name="defaultTaxCode">The tax code of lines that carry none (the store's default); null: none.</param>
    public StoreDayTotals Add(PosTicket ticket, IReadOnlyDictionary<string, decimal>? cogs = null, string? defaultTaxCode = null)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var tenders = new SortedDictionary<string, decimal>(Tenders.ToDictionary(), StringComparer.Ordinal);
        foreach (var tender in ticket.Tenders)
        {
            tenders[tender.Method] = tenders.GetValueOrDefault(tender.Method) + tender.Amount;
        }

        var costs = new SortedDictionary<string, decimal>(Cogs.ToDictionary(), StringComparer.Ordinal);
        foreach (var (sku, cost) in cogs ?? new Dictionary<string, decimal>())
        {
            costs[sku] = costs.GetValueOrDefault(sku) + cost;
        }

        // A return naming its order reverses its tax on the order, in the order's channel: not in the day's tax.
        var taxes = new SortedDictionary<string, decimal>(TaxByCode.ToDictionary(), StringComparer.Ordinal);
        foreach (var line in ticket.Lines.Where(l => l.OriginalOrderId is null))
        {
            if ((line.TaxCode ?? defaultTaxCode) is { Length: > 0 } code)
            {
                taxes[code] = taxes.GetValueOrDefault(code) + (line.Type == PosLineType.Return ? -line.Tax : line.Tax);
            }
        }

        var orderReturns = ticket.Lines.Where(l => l.Type == PosLineType.Return && l.OriginalOrderId is not null).ToList();
        return new StoreDayTotals(
            Tickets + 1,
            SalesRevenue + ticket.Lines.Where(l => l.Type == PosLineType.Sale).Sum(l => l.Amount),
            ReturnsRevenue + ticket.Lines.Where(l => l.Type == PosLineType.Return && l.OriginalOrderId is null).Sum(l => l.Amount),
            Tax + ticket.NetTax + orderReturns.Sum(l => l.Tax),
            tenders)
        {
            GiftCardsSold = GiftCardsSold + ticket.GiftCardsSold,
            Cogs = costs,
            TaxByCode = taxes,
            OrderRefunds = OrderRefunds + orderReturns.Sum(l => l.Amount + l.Tax),
        };
    }
}

/// <summary>Whether a store day still takes tickets into its summary.</summary>
[GenerateSerializer]
[Alias("parity.storedays.StoreDayStatus")]
public enum StoreDayStatus
{
    /// <summary>Tickets count towards the day.</summary>
    Open,

    /// <summary>Closed: later tickets become adjustments.</summary>
    Closed,
}

/// <summary>How a store's POS tickets are handed to ERP posting.</summary>
[GenerateSerializer]
[Alias("parity.storedays.PostingGranularity")]
public enum PostingGranularity
{
    /// <summary>One summary fact per store day at close (the default, as Odoo POS sessions and Dynamics retail statements).</summary>
    Summary,

    /// <summary>One fact per ticket as it is recorded.</summary>
    PerTicket,
}
