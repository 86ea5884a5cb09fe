using Parity.GrainInterfaces.Posting;
using Parity.GrainInterfaces.StoreDays;
using Parity.Grains.Items;

namespace Parity.Grains.StoreDays;

/// <summary>
/// Turns store-day tickets into business facts for ERP posting. Every fact balances by construction: net revenue plus
/// net tax plus gift cards sold (gift-card liability) minus refunds paid for other channels' orders (refunds payable;
/// the order reverses its own revenue and tax) equals the net tenders, because only balanced tickets are recorded; COGS posts against inventory, so it balances on its own. A store sale is goods leaving stock just like an
/// order's shipment: its COGS is costed at the shared unit costs (<see cref="ItemCostOptions"/>) the day fixed when it
/// recorded the ticket, and a return back in stock reverses it. Fact ids are deterministic, so a fact queued again
/// after a crash is recognised by posting as the same one.
/// </summary>
public static class StoreDayPosting
{
    /// <summary>The source system named in every store-day fact's lineage.</summary>
    public const string SourceSystem = "pos";

    /// <summary>The channel dimension of store-day facts.</summary>
    public const string Channel = "pos";

    /// <summary>Fact id of one ticket posted on its own.</summary>
    public static string TicketFactId(StoreDayKey day, string ticketId) => $"pos-ticket:{day}:{ticketId}";

    /// <summary>Fact id of a day's summary.</summary>
    public static string SummaryFactId(StoreDayKey day) => $"store-day:{day}";

    /// <summary>Fact id of the adjustment made of one late batch.</summary>
    public static string AdjustmentFactId(StoreDayKey day, string batchId) => $"store-day-adjustment:{day}:{batchId}";

    /// <summary>One ticket (per-ticket granularity), its COGS at <paramref name="unitCosts"/>, its uncoded lines' tax under
    /// <paramref name="taxCode"/>.</summary>
    public static BusinessFact Ticket(
        StoreDayKey day, StoreDaySettings settings, PosTicket ticket, IReadOnlyDictionary<string, decimal> unitCosts, string batchId, string correlationId,
        string? taxCode = null) =>
        Fact(TicketFactId(day, ticket.TicketId), BusinessFactKind.PosTicket, day, settings, ticket.OccurredAt,
            Amounts(StoreDayTotals.Empty.Add(ticket, Cogs(ticket, unitCosts), taxCode)), correlationId, [batchId, ticket.TicketId]);

    /// <summary>The day's summary at close: the totals of every ticket recorded while open; lineage names the batches.</summary>
    public static BusinessFact Summary(StoreDayKey day, StoreDaySettings settings, StoreDayTotals totals, IReadOnlyList<string> batchIds, DateTimeOffset closedAt, string correlationId) =>
        Fact(SummaryFactId(day), BusinessFactKind.StoreDaySummary, day, settings, closedAt, Amounts(totals), correlationId, batchIds);

    /// <summary>The late tickets of one batch for a closed day, their COGS at <paramref name="unitCosts"/>, their uncoded
    /// lines' tax under <paramref name="taxCode"/>.</summary>
    public static BusinessFact Adjustment(
        StoreDayKey day, StoreDaySettings settings, string batchId, IReadOnlyList<PosTicket> tickets, IReadOnlyDictionary<string, decimal> unitCosts,
        DateTimeOffset recordedAt, string correlationId, string? taxCode = null)
    {
        var totals = tickets.Aggregate(StoreDayTotals.Empty, (sum, t) => sum.Add(t, Cogs(t, unitCosts), taxCode));
        return Fact(AdjustmentFactId(day, batchId), BusinessFactKind.StoreDayAdjustment, day, settings, recordedAt, Amounts(totals), correlationId,
            [batchId, .. tickets.Select(t => t.TicketId)]);
    }

    /// <summary>
    /// A ticket's COGS per SKU at <paramref name="unitCosts"/>: its sale lines' cost minus the cost of its returns back
    /// in stock, each rounded to the cent as orders round theirs. Returns not restocked leave their cost in COGS (the
    /// goods did not come back into inventory); gift-card lines and SKUs without a cost carry none.
    /// </summary>
    public static IReadOnlyDictionary<string, decimal> Cogs(PosTicket ticket, IReadOnlyDictionary<string, decimal> unitCosts)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(unitCosts);
        var cogs = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var sold in ItemCostOptions.Cogs(ticket.Lines.Where(l => l.Type == PosLineType.Sale).Select(l => (l.Sku, l.Quantity)), unitCosts))
        {
            cogs[sold.Qualifier!] = sold.Amount;
        }

        // A return naming another channel's order reverses that order's COGS there, not the store's.
        foreach (var back in ItemCostOptions.Cogs(ticket.Lines.Where(l => l.Type == PosLineType.Return && l.Restock && l.OriginalOrderId is null).Select(l => (l.Sku, l.Quantity)), unitCosts))
        {
            cogs[back.Qualifier!] = cogs.GetValueOrDefault(back.Qualifier!) - back.Amount;
        }

        return cogs;
    }

    /// <summary>Revenue net of returns, tax net of returns per tax code (qualifier: the code; tax without a code
    /// unqualified), gift cards sold, refunds paid for other channels' orders, COGS per SKU (qualifier: SKU), then net
    /// tenders per method, in a stable order; zero coded tax, gift cards, COGS and tenders are left out.</summary>
    public static IReadOnlyList<FactAmount> Amounts(StoreDayTotals totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        var amounts = new List<FactAmount> { new(FactAmountTypes.Revenue, totals.NetRevenue) };
        foreach (var (code, tax) in totals.TaxByCode.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (tax != 0)
            {
                amounts.Add(new FactAmount(FactAmountTypes.Tax, tax, code));
            }
        }

        // Tax of lines without a code (and all tax of totals kept before codes) stays one unqualified amount, as before.
        var uncoded = totals.Tax - totals.TaxByCode.Values.Sum();
        if (uncoded != 0 || amounts.Count == 1)
        {
            amounts.Add(new FactAmount(FactAmountTypes.Tax, uncoded));
        }

        if (totals.GiftCardsSold != 0)
        {
            amounts.Add(new FactAmount(FactAmountTypes.GiftCardIssued, totals.GiftCardsSold));
        }

        if (totals.OrderRefunds != 0)
        {
            amounts.Add(new FactAmount(FactAmountTypes.OrderRefund, totals.OrderRefunds));
        }

        foreach (var (sku, cost) in totals.Cogs.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            if (cost != 0)
            {
                amounts.Add(new FactAmount(FactAmountTypes.Cogs, cost, sku));
            }
        }

        foreach (var (method, amount) in totals.Tenders.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (amount != 0)
            {
                amounts.Add(new FactAmount(FactAmountTypes.Tender, amount, method));
            }
        }

        return amounts;
    }

    private static BusinessFact Fact(
        string factId, BusinessFactKind kind, StoreDayKey day, StoreDaySettings settings, DateTimeOffset occurredAt,
        IReadOnlyList<FactAmount> amounts, string correlationId, IReadOnlyList<string> sourceEventIds) =>
        new(factId, kind, settings.LegalEntity, Channel, day.Store, settings.Currency, occurredAt, amounts,
            new FactLineage(correlationId, SourceSystem, sourceEventIds));
}
