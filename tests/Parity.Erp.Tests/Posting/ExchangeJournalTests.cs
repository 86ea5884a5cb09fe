using Parity.Erp.Tests.Testing;
using Parity.GrainInterfaces.Erp;
using Parity.GrainInterfaces.Inventory;
using Parity.GrainInterfaces.Orders;
using Parity.GrainInterfaces.Posting;
using Parity.Grains.Items;
using Parity.Grains.Orders;
using Parity.Grains.Posting;
using static Parity.Erp.Tests.Testing.Facts;

namespace Parity.Erp.Tests.Posting;

/// <summary>
/// An exchange through the books (issue 16, fix 4), folded as the order grain folds it and posted through OrderFacts
/// and the default rules: the original (2 × SKU-A at 50.00 + 10.00 VAT each, 120.00 by card) ships, one unit comes back
/// (owing 60.00 on refunds payable) and pays its replacement as exchange credit; the replacement ships, a dearer one's
/// difference is paid by card, a cheaper one's leaves the rest refunded on the original; the provider settles the card.
/// Every journal balances, refunds payable and card clearing end at zero, and hledger agrees with the figures worked
/// out by hand (docs/operations.md, Orders).
/// </summary>
public sealed class ExchangeJournalTests : IDisposable
{
    private static readonly OrderOptions Options = new();
    private static readonly ItemCostOptions Costs = new() { UnitCosts = { ["SKU-A"] = 20m, ["SKU-B"] = 25m } };

    private readonly string _directory = Directory.CreateTempSubdirectory("parity-exchange-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<string, decimal, decimal, decimal, decimal, decimal, decimal> Cases => new()
    {
        // case, replacement price, its VAT, then by hand: revenue 4000, VAT 2200, bank 1100, refund on the original.
        { "even", 50m, 10m, -100m, -20m, 120m, 0m },
        { "dearer", 80m, 16m, -130m, -26m, 156m, 0m },
        { "cheaper", 40m, 8m, -90m, -18m, 108m, 12m },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Exchange_PostsBalancedJournals_AndLeavesRefundsPayableAndCardClearingAtZero(
        string name, decimal price, decimal vat, decimal revenue, decimal tax, decimal bank, decimal refund)
    {
        var rules = PostingRulesOptions.CreateDefault();
        var posting = new PostingRules(rules);
        var exporter = new HledgerExporter(_directory, new PostingRuleBook(rules));
        var facts = new List<BusinessFact>();

        // The original: placed, paid, shipped from DC-1.
        var original = new OrderState();
        var placed = new PlaceOrder("placed", "web", "X1", "EUR", Day, [new OrderLine("1", "SKU-A", 2, 50m, 0m, 20m, "VAT20")]);
        original.Apply(new OrderPlaced(placed));
        original.Apply(new PaymentAuthorized("auth", 120m, "card", "pi_1"));
        original.Apply(new PaymentCaptured("capture", 120m, "card", "pi_1"));
        facts.AddRange(Ship(original, "web:X1"));

        // Exchanged: one unit back (restocked), the replacement placed and paid with min(60.00, its total) of credit.
        var returned = new ReturnRecorded("exchange", "DC-1", null, [new ReturnedItem("1", 1, ReturnDisposition.Restock)],
            OrderFacts.ReturnOwed(placed, [("1", 1)]));
        original.Apply(returned);
        facts.Add(OrderFacts.Return("web:X1", original, returned, Options, Costs, Lineage("web:X1", "exchange"), Day));
        var total = price + vat;
        var credit = Math.Min(returned.Owed, total);
        original.Apply(new ExchangeLinked("exchange", "web:X2", credit));

        var replacement = new OrderState();
        replacement.Apply(new OrderPlaced(new PlaceOrder("exchange:replacement", "web", "X2", "EUR", Day,
            [new OrderLine("1", "SKU-B", 1, price, 0m, vat, "VAT20")], ExchangeOf: "web:X1")));
        replacement.Apply(new PaymentAuthorized("auth", total, total > credit ? "card" : OrderFacts.ExchangeCreditTender, "pi_2"));
        replacement.Apply(new PaymentCaptured("credit", credit, OrderFacts.ExchangeCreditTender, "web:X1/exchange"));
        if (total > credit)
        {
            replacement.Apply(new PaymentCaptured("capture", total - credit, "card", "pi_2"));
        }

        facts.AddRange(Ship(replacement, "web:X2"));

        // What the returned unit owes beyond the replacement goes back on the original's card.
        if (refund > 0)
        {
            var (forReturns, unshipped, allowance) = OrderFacts.SplitRefund(original, refund);
            Assert.Equal((refund, 0m, 0m), (forReturns, unshipped, allowance));
            var refunded = new RefundRecorded("refund", refund, "card", null, forReturns, unshipped, allowance);
            original.Apply(refunded);
            facts.Add(OrderFacts.Refund("web:X1", original, refunded, "DC-1", Options, Lineage("web:X1", "refund"), Day)!);
        }

        // The provider settles what went through card clearing, net of the refund.
        facts.Add(new BusinessFact($"settlement:{name}", BusinessFactKind.SettlementReceived, "default", "web", "online", "EUR", Day,
            [A(FactAmountTypes.Tender, bank, "stripe"), A("payout", bank)], Lineage("stripe", name), null));

        var books = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var document = 0;
        foreach (var fact in facts)
        {
            var journal = Assert.IsType<JournalBuilt>(posting.Build(fact)).Journal;
            Assert.True(journal.TotalDebit == journal.TotalCredit, $"{fact.FactId}: debits {journal.TotalDebit}, credits {journal.TotalCredit}");
            Assert.DoesNotContain(journal.Lines, l => l.Account == rules.RoundingAccount);
            foreach (var line in journal.Lines)
            {
                books[line.Account] = books.GetValueOrDefault(line.Account) + (line.Side == JournalSide.Debit ? line.Amount : -line.Amount);
            }

            Assert.True(exporter.Export(journal, $"{name}-{document++}"));
        }

        // By hand: COGS 40 − 20 + 25 against inventory; revenue, VAT and bank per case.
        var expected = new Dictionary<string, decimal>(StringComparer.Ordinal)
        {
            ["1100"] = bank, ["1300"] = -45m, ["2200"] = tax, ["4000"] = revenue, ["5000"] = 45m,
        };
        Assert.Equal(expected.OrderBy(p => p.Key), books.Where(p => p.Value != 0).OrderBy(p => p.Key));

        var file = exporter.PathOf("default", DateOnly.FromDateTime(Day.UtcDateTime));
        var check = await Hledger.RunAsync("-f", file, "check", "--strict");
        Assert.True(check.ExitCode == 0, $"hledger check failed: {check.Error}");
        var balances = await Hledger.BalancesAsync(file, "EUR");
        Assert.Equal(expected.ToDictionary(p => exporter.AccountName(p.Key), p => p.Value).OrderBy(p => p.Key), balances.OrderBy(p => p.Key));
    }

    // As OrderGrain.ShipAsync: every open unit from DC-1.
    private static IReadOnlyList<BusinessFact> Ship(OrderState state, string orderId)
    {
        var shipped = new LinesShipped("ship", null, state.Lines.Select(l => new ShippedItem(l.LineId, "DC-1", l.Open, $"res-{l.LineId}")).ToList());
        var facts = OrderFacts.Shipment(orderId, state, shipped, !state.ShippingPosted, Options, Costs, Lineage(orderId, "ship"), Day);
        var (invoiced, allowance) = OrderFacts.Invoiced(facts);
        state.Apply(shipped with { Invoiced = invoiced, Allowance = allowance });
        return facts;
    }

    private static FactLineage Lineage(string orderId, string eventId) => new("corr-exchange", "tests", [$"{orderId}:{eventId}"]);
}
