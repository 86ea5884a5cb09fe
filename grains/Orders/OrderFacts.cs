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
    /// <summary>The sale facts of one shipment, one per ship-from location.</summary>
    public static IReadOnlyList<BusinessFact> Shipment(
        string orderId, OrderState state, LinesShipped shipped, bool chargeShipping, OrderOptions options, ItemCostOptions costs, FactLineage lineage, DateTimeOffset occurredAt)
    {
        var order = state.Order!;
        var facts = new List<BusinessFact>();
        foreach (var group in shipped.Items.GroupBy(i => i.LocationId, StringComparer.Ordinal))
        {
            var amounts = LineAmounts(order, group.Select(i => (i.LineId, i.Quantity)));
            amounts.AddRange(Cogs(order, group.Select(i => (i.LineId, i.Quantity)), costs));
            var tender = amounts.Where(a => a.Type == FactAmountTypes.Revenue || a.Type == FactAmountTypes.Tax).Sum(a => a.Amount)
                - amounts.Where(a => a.Type == FactAmountTypes.Discount).Sum(a => a.Amount);
            if (chargeShipping && order.ShippingCharge != 0)
            {
                amounts.Add(new FactAmount(FactAmountTypes.Shipping, order.ShippingCharge));
                tender += order.ShippingCharge;
                chargeShipping = false;
            }

            amounts.Add(new FactAmount(FactAmountTypes.Tender, tender, state.Tender));
            facts.Add(new BusinessFact(
                $"shipment:{orderId}:{shipped.EventId}:{group.Key}", BusinessFactKind.SaleShipped, options.LegalEntityOf(group.Key),
                order.Channel, group.Key, order.Currency, occurredAt, amounts, lineage, orderId));
        }

        return facts;
    }

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
        var owed = amounts.Where(a => a.Type == FactAmountTypes.Revenue || a.Type == FactAmountTypes.Tax).Sum(a => a.Amount)
            - amounts.Where(a => a.Type == FactAmountTypes.Discount).Sum(a => a.Amount);
        amounts.Add(new FactAmount(FactAmountTypes.Tender, owed, state.Tender));
        amounts.AddRange(Cogs(order, returned.Items
            .Where(i => i.Disposition is ReturnDisposition.Restock or ReturnDisposition.ProcessingRequired)
            .Select(i => (i.LineId, i.Quantity)), costs));

        return new BusinessFact(
            $"return:{orderId}:{returned.EventId}", BusinessFactKind.SaleReturned, options.LegalEntityOf(returned.LocationId),
            order.Channel, returned.LocationId, order.Currency, occurredAt, amounts, lineage, orderId);
    }

    /// <summary>The refund fact of one refund event.</summary>
    public static BusinessFact Refund(
        string orderId, OrderState state, RefundRecorded refund, string locationId, OrderOptions options, FactLineage lineage, DateTimeOffset occurredAt)
    {
        var order = state.Order!;
        return new BusinessFact(
            $"refund:{orderId}:{refund.EventId}", BusinessFactKind.Refunded, options.LegalEntityOf(locationId),
            order.Channel, locationId, order.Currency, occurredAt,
            [new FactAmount(FactAmountTypes.Tender, refund.Amount, refund.Tender ?? state.Tender)], lineage, orderId);
    }

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
