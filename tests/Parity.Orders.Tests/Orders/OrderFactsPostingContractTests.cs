using Parity.GrainInterfaces.Erp;
using Parity.GrainInterfaces.Inventory;
using Parity.GrainInterfaces.Orders;
using Parity.GrainInterfaces.Posting;
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

        var sale = OrderFacts.Shipment("web:W1", state, new LinesShipped("ship", null, [new ShippedItem("1", "DC-1", 2, "r")]), false, options, lineage, now).Single();
        var returned = OrderFacts.Return("web:W1", state, new ReturnRecorded("ret", "STORE-1", null, [new ReturnedItem("1", 1, ReturnDisposition.Restock)]), options, lineage, now);
        var refund = OrderFacts.Refund("web:W1", state, new RefundRecorded("refund", 54m, "card", null), "STORE-1", options, lineage, now);

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
}
