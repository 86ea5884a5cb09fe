using Parity.GrainInterfaces.Erp;
using Parity.GrainInterfaces.Inventory;
using Parity.GrainInterfaces.Orders;
using Parity.GrainInterfaces.Posting;
using Parity.Grains.Items;
using Parity.Grains.Orders;
using Parity.Grains.Posting;

namespace Parity.Orders.Tests.Orders;

/// <summary>The facts an order sends for a sale, a return and a refund build balanced journals with the real default
/// posting rules: the return's tender is the refund owed (refunds payable), the refund pays it out through the
/// tender's clearing account.</summary>
public sealed class OrderFactsPostingContractTests
{
    private static readonly PostingRules Rules = new(PostingRulesOptions.CreateDefault());

    [Fact]
    public void SaleReturnAndRefund_BuildBalancedJournals_AndRefundsPayableNetsToZero()
    {
        var order = new PlaceOrder("p", "web", "W1", "EUR", DateTimeOffset.UtcNow,
            [new OrderLine("1", "SKU-1", 2, 50m, Discount: 10m, Tax: 18m, TaxCode: "VAT20")]);
        var state = new OrderState();
        state.Apply(new OrderPlaced(order));
        state.Apply(new PaymentAuthorized("auth", 108m, "card", "pi_1"));
        var options = new OrderOptions();
        var lineage = new FactLineage("c", "test", ["e"]);
        var now = DateTimeOffset.UtcNow;

        var sale = OrderFacts.Shipment("web:W1", state, new LinesShipped("ship", null, [new ShippedItem("1", "DC-1", 2, "r")]), false, options, new ItemCostOptions(), lineage, now).Single();
        var returned = OrderFacts.Return("web:W1", state, new ReturnRecorded("ret", "STORE-1", null, [new ReturnedItem("1", 1, ReturnDisposition.Restock)]), options, new ItemCostOptions(), lineage, now);
        var refund = Assert.IsType<BusinessFact>(OrderFacts.Refund("web:W1", state, new RefundRecorded("refund", 54m, "card", null, ForReturns: 54m), "STORE-1", options, lineage, now));

        var journals = new[] { sale, returned, refund }.Select(f => Assert.IsType<JournalBuilt>(Rules.Build(f)).Journal).ToList();
        foreach (var journal in journals)
        {
            Assert.Equal(journal.Lines.Where(l => l.Side == JournalSide.Debit).Sum(l => l.Amount), journal.Lines.Where(l => l.Side == JournalSide.Credit).Sum(l => l.Amount));
        }

        // By hand: one unit back = 50 revenue − 5 discount + 9 tax = 54 owed.
        decimal Net(ErpJournal j, string account) =>
            j.Lines.Where(l => l.Account == account).Sum(l => l.Side == JournalSide.Debit ? l.Amount : -l.Amount);
        Assert.Equal(50m, Net(journals[1], "4000"));
        Assert.Equal(9m, Net(journals[1], "2200"));
        Assert.Equal(-5m, Net(journals[1], "4050"));
        Assert.Equal(-54m, Net(journals[1], "2300"));
        Assert.Equal(54m, Net(journals[2], "2300"));
        Assert.Equal(-54m, Net(journals[2], "1210"));
        Assert.Equal(0m, journals.Sum(j => Net(j, "2300")));
        // The card clearing account holds what the customer kept paying: 108 − 54.
        Assert.Equal(54m, journals.Sum(j => Net(j, "1210")));
    }

    [Fact]
    public void Shipment_PostsCogsAgainstInventoryAtUnitCost_AndAReturnBackInStockReversesIt()
    {
        var order = new PlaceOrder("p", "web", "W2", "EUR", DateTimeOffset.UtcNow,
        [
            new OrderLine("1", "SKU-1", 3, 50m, Tax: 30m, TaxCode: "VAT20"),
            new OrderLine("2", "SKU-2", 1, 20m, Tax: 4m, TaxCode: "VAT20"),
            new OrderLine("3", "SKU-9", 1, 10m, Tax: 2m, TaxCode: "VAT20"),
        ]);
        var state = new OrderState();
        state.Apply(new OrderPlaced(order));
        state.Apply(new PaymentAuthorized("auth", 216m, "card", "pi_2"));
        var options = new OrderOptions();
        var costs = new ItemCostOptions { UnitCosts = { ["SKU-1"] = 20.125m, ["SKU-2"] = 8m } };
        var lineage = new FactLineage("c", "test", ["e"]);
        var now = DateTimeOffset.UtcNow;

        var sale = OrderFacts.Shipment("web:W2", state, new LinesShipped("ship", null,
            [new ShippedItem("1", "DC-1", 3, "r1"), new ShippedItem("2", "DC-1", 1, "r2"), new ShippedItem("3", "DC-1", 1, "r3")]), false, options, costs, lineage, now).Single();
        // Two units back on the shelf, one damaged beyond sale (kept out of stock), SKU-2 missing from the parcel.
        var returned = OrderFacts.Return("web:W2", state, new ReturnRecorded("ret", "STORE-1", null,
            [new ReturnedItem("1", 2, ReturnDisposition.Restock), new ReturnedItem("1", 1, ReturnDisposition.NotRestocked), new ReturnedItem("2", 1, ReturnDisposition.Missing)]),
            options, costs, lineage, now);

        // By hand: 3 × 20.125 = 60.375 → 60.38; SKU-2 1 × 8; SKU-9 has no cost and posts none. Back in stock: 2 × 20.125 = 40.25.
        Assert.Equal([new FactAmount(FactAmountTypes.Cogs, 60.38m, "SKU-1"), new FactAmount(FactAmountTypes.Cogs, 8m, "SKU-2")],
            sale.Amounts.Where(a => a.Type == FactAmountTypes.Cogs));
        Assert.Equal([new FactAmount(FactAmountTypes.Cogs, 40.25m, "SKU-1")], returned.Amounts.Where(a => a.Type == FactAmountTypes.Cogs));

        decimal Net(ErpJournal j, string account) =>
            j.Lines.Where(l => l.Account == account).Sum(l => l.Side == JournalSide.Debit ? l.Amount : -l.Amount);
        var saleJournal = Assert.IsType<JournalBuilt>(Rules.Build(sale)).Journal;
        var returnJournal = Assert.IsType<JournalBuilt>(Rules.Build(returned)).Journal;
        Assert.Equal((68.38m, -68.38m), (Net(saleJournal, "5000"), Net(saleJournal, "1300")));
        Assert.Equal((-40.25m, 40.25m), (Net(returnJournal, "5000"), Net(returnJournal, "1300")));
        foreach (var journal in new[] { saleJournal, returnJournal })
        {
            Assert.Equal(0m, journal.Lines.Sum(l => l.Side == JournalSide.Debit ? l.Amount : -l.Amount));
        }

        // Without unit costs nothing changes: no COGS line at all.
        var uncosted = OrderFacts.Shipment("web:W2", state, new LinesShipped("ship", null, [new ShippedItem("1", "DC-1", 3, "r1")]), false, options, new ItemCostOptions(), lineage, now).Single();
        Assert.DoesNotContain(uncosted.Amounts, a => a.Type == FactAmountTypes.Cogs);
    }
}
