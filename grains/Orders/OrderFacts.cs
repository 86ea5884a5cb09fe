using Parity.GrainInterfaces.Inventory;
using Parity.GrainInterfaces.Orders;
using Parity.GrainInterfaces.Posting;
using Parity.Grains.Items;

namespace Parity.Grains.Orders;

/// <summary>
/// Builds the business facts an order hands to posting: a sale per shipment and ship-from location, a return per
/// return event, a refund per refund event. Line discounts and taxes are prorated by quantity and rounded to
/// cents; shipping is charged on the order's first shipment fact; COGS goes at the configured unit costs
/// (<see cref="ItemCostOptions.UnitCosts"/>, shared with store days). Fact ids are deterministic, so a retried
/// hand-off never posts twice.
/// </summary>
public static class OrderFacts
{
    /// <summary>
    /// The tender of an exchange's credit: what the original order's returned units owed, applied to its replacement as
    /// payment. A sale debits it to refunds payable, where the original's return credited it, so the two net to zero.
    /// </summary>
    public const string ExchangeCreditTender = "exchange-credit";

    /// <summary>
    /// The sale facts of one shipment, one per ship-from location, from the order's state before the shipment. Money
    /// already refunded as never invoiced (<see cref="SplitRefund"/>) beyond what the payment leaves for these units is
    /// booked as a discount instead of tender: the units shipped after all, at the price the customer ended up paying.
    /// </summary>
    public static IReadOnlyList<BusinessFact> Shipment(
        string orderId, OrderState state, LinesShipped shipped, bool chargeShipping, OrderOptions options, ItemCostOptions costs, FactLineage lineage, DateTimeOffset occurredAt)
    {
        var order = state.Order!;
        var facts = new List<BusinessFact>();
        var ceiling = Math.Max(state.Authorized, state.Captured);
        var invoiced = state.Invoiced;
        var refundedUnshipped = state.RefundedUnshipped - state.ShipmentAllowance;
        // Exchange credit pays first: what earlier shipments invoiced used it before any other tender.
        var creditLeft = Math.Max(0, state.ExchangeCredit - Math.Min(state.Invoiced, state.ExchangeCredit));
        foreach (var group in shipped.Items.GroupBy(i => i.LocationId, StringComparer.Ordinal))
        {
            var amounts = LineAmounts(order, group.Select(i => (i.LineId, i.Quantity)));
            amounts.AddRange(Cogs(order, group.Select(i => (i.LineId, i.Quantity)), costs));
            var tender = TenderOf(amounts);
            if (chargeShipping && order.ShippingCharge != 0)
            {
                amounts.Add(new FactAmount(FactAmountTypes.Shipping, order.ShippingCharge));
                tender += order.ShippingCharge;
                chargeShipping = false;
            }

            if (refundedUnshipped > 0)
            {
                var allowance = Math.Max(0, Math.Min(Math.Min(tender, refundedUnshipped), invoiced + tender + refundedUnshipped - ceiling));
                if (allowance > 0)
                {
                    amounts.Add(new FactAmount(FactAmountTypes.Discount, allowance, FactAmountTypes.Allowance));
                    tender -= allowance;
                    refundedUnshipped -= allowance;
                }
            }

            invoiced += tender;
            var credit = Math.Clamp(tender, 0, creditLeft);
            creditLeft -= credit;
            if (credit > 0)
            {
                amounts.Add(new FactAmount(FactAmountTypes.Tender, credit, ExchangeCreditTender));
            }

            if (credit == 0 || tender - credit != 0)
            {
                amounts.Add(new FactAmount(FactAmountTypes.Tender, tender - credit, state.Tender));
            }
            facts.Add(new BusinessFact(
                $"shipment:{orderId}:{shipped.EventId}:{group.Key}", BusinessFactKind.SaleShipped, options.LegalEntityOf(group.Key),
                order.Channel, group.Key, order.Currency, occurredAt, amounts, lineage, orderId));
        }

        return facts;
    }

    /// <summary>What a shipment's <paramref name="facts"/> debit to tender clearing, and what they book as a discount
    /// (qualified <see cref="FactAmountTypes.Allowance"/>) for money refunded before the units shipped.</summary>
    public static (decimal Invoiced, decimal Allowance) Invoiced(IReadOnlyList<BusinessFact> facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var amounts = facts.SelectMany(f => f.Amounts).ToList();
        return (amounts.Where(a => a.Type == FactAmountTypes.Tender).Sum(a => a.Amount),
            amounts.Where(a => a.Type == FactAmountTypes.Discount && a.Qualifier == FactAmountTypes.Allowance).Sum(a => a.Amount));
    }

    /// <summary>The refund a return of <paramref name="items"/> owes (revenue and tax less discount, as the sale took them).</summary>
    public static decimal ReturnOwed(PlaceOrder order, IEnumerable<(string LineId, int Quantity)> items) =>
        TenderOf(LineAmounts(order ?? throw new ArgumentNullException(nameof(order)), items));

    /// <summary>The return fact of one return event.</summary>
    public static BusinessFact Return(
        string orderId, OrderState state, ReturnRecorded returned, OrderOptions options, ItemCostOptions costs, FactLineage lineage, DateTimeOffset occurredAt)
    {
        var order = state.Order!;
        var amounts = LineAmounts(order, returned.Items.Select(i => (i.LineId, i.Quantity)));
        // Posting reverses revenue, tax and discount with the sale's accounts and books the tender amount as the
        // refund owed (refunds payable), which the Refunded fact then pays out; without it the journal cannot
        // balance. Units and dispositions are not sent (no posting rule maps them; they would hold the fact); COGS
        // is reversed for the units that come back into stock, whose cost returns to inventory.
        amounts.Add(new FactAmount(FactAmountTypes.Tender, TenderOf(amounts), state.Tender));
        amounts.AddRange(Cogs(order, returned.Items
            .Where(i => i.Disposition is ReturnDisposition.Restock or ReturnDisposition.ProcessingRequired)
            .Select(i => (i.LineId, i.Quantity)), costs));

        return new BusinessFact(
            $"return:{orderId}:{returned.EventId}", BusinessFactKind.SaleReturned, options.LegalEntityOf(returned.LocationId),
            order.Channel, returned.LocationId, order.Currency, occurredAt, amounts, lineage, orderId);
    }

    /// <summary>
    /// What a refund of <paramref name="amount"/> pays back, from the order's state before it: first refunds owed by the
    /// channel's returns (credited to refunds payable by their SaleReturned facts), then money taken for units never
    /// invoiced (a sale posts at shipment and a capture posts nothing, so handing it back posts nothing: the provider's
    /// settlement nets the charge and its refund on clearing by itself), and the rest is given back for goods shipped and
    /// kept, an allowance against revenue.
    /// </summary>
    public static (decimal ForReturns, decimal Unshipped, decimal Allowance) SplitRefund(OrderState state, decimal amount)
    {
        ArgumentNullException.ThrowIfNull(state);
        var forReturns = Math.Clamp(state.ReturnsOwed - state.RefundedForReturns - state.ExchangeCreditGiven, 0, amount);
        var paid = state.Captured > 0 ? state.Captured : state.Authorized;
        var neverInvoiced = paid - state.Invoiced - (state.RefundedUnshipped - state.ShipmentAllowance);
        var unshipped = Math.Clamp(neverInvoiced, 0, amount - forReturns);
        return (forReturns, unshipped, amount - forReturns - unshipped);
    }

    /// <summary>
    /// The refund fact of one refund event, or null when it only hands back money never invoiced. The part paying back
    /// returns posts Dr refunds payable / Cr the tender's clearing; an allowance posts Dr discounts / Cr the clearing
    /// (through refunds payable, which the default rules debit and credit alike).
    /// </summary>
    public static BusinessFact? Refund(
        string orderId, OrderState state, RefundRecorded refund, string locationId, OrderOptions options, FactLineage lineage, DateTimeOffset occurredAt)
    {
        ArgumentNullException.ThrowIfNull(refund);
        var order = state.Order!;
        var tender = refund.ForReturns + refund.Allowance;
        if (tender <= 0)
        {
            return null;
        }

        List<FactAmount> amounts = [new FactAmount(FactAmountTypes.Tender, tender, refund.Tender ?? state.Tender)];
        if (refund.Allowance > 0)
        {
            amounts.Add(new FactAmount(FactAmountTypes.Allowance, refund.Allowance));
        }

        return new BusinessFact(
            $"refund:{orderId}:{refund.EventId}", BusinessFactKind.Refunded, options.LegalEntityOf(locationId),
            order.Channel, locationId, order.Currency, occurredAt, amounts, lineage, orderId);
    }

    private static decimal TenderOf(IEnumerable<FactAmount> amounts) =>
        amounts.Where(a => a.Type == FactAmountTypes.Revenue || a.Type == FactAmountTypes.Tax).Sum(a => a.Amount)
        - amounts.Where(a => a.Type == FactAmountTypes.Discount).Sum(a => a.Amount);

    private static List<FactAmount> LineAmounts(PlaceOrder order, IEnumerable<(string LineId, int Quantity)> items)
    {
        var amounts = new List<FactAmount>();
        decimal revenue = 0, discount = 0;
        var tax = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (lineId, quantity) in items)
        {
            var line = Line(order, lineId);
            revenue += line.UnitPrice * quantity;
            discount += Prorate(line.Discount, quantity, line.Quantity);
            var code = line.TaxCode ?? "";
            tax[code] = tax.GetValueOrDefault(code) + Prorate(line.Tax, quantity, line.Quantity);
        }

        amounts.Add(new FactAmount(FactAmountTypes.Revenue, Math.Round(revenue, 2, MidpointRounding.AwayFromZero)));
        if (discount != 0)
        {
            amounts.Add(new FactAmount(FactAmountTypes.Discount, discount));
        }

        foreach (var (code, amount) in tax.Where(t => t.Value != 0))
        {
            amounts.Add(new FactAmount(FactAmountTypes.Tax, amount, code.Length == 0 ? null : code));
        }

        return amounts;
    }

    // COGS per SKU at its configured unit cost (qualifier: SKU), rounded as store days round theirs; SKUs without a cost are left out.
    private static IReadOnlyList<FactAmount> Cogs(PlaceOrder order, IEnumerable<(string LineId, int Quantity)> items, ItemCostOptions costs) =>
        ItemCostOptions.Cogs(items.Select(i => (Line(order, i.LineId).Sku, i.Quantity)), costs.UnitCosts);

    private static OrderLine Line(PlaceOrder order, string lineId) =>
        order.Lines.First(l => l.LineId == lineId);

    private static decimal Prorate(decimal amount, int quantity, int of) =>
        of == 0 ? 0 : Math.Round(amount * quantity / of, 2, MidpointRounding.AwayFromZero);
}
