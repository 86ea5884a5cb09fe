using Parity.Erp.Tests.Testing;
using Parity.GrainInterfaces.Erp;
using Parity.GrainInterfaces.Inventory;
using Parity.GrainInterfaces.Orders;
using Parity.GrainInterfaces.Settlements;
using Parity.Grains.Settlements.Parsing;

namespace Parity.Erp.Tests.EndToEnd;

/// <summary>
/// A slice of issue 6's end-to-end day through the wiring, with real grains and the real sandbox ERP: a web order paid
/// by card is captured (→ Stripe receivables), shipped (→ sale journal), and settled by a Stripe payout file that
/// matches it through the capture the order recorded (→ settlement journal), then returned in store (BORIS) and refunded
/// (→ return and refund journals). The sandbox's books, and hledger on the exported day, then equal figures
/// computed by hand. It runs on the collection's cluster (orders paid by card settle through Stripe there), the only
/// test of it posting for the legal entity <c>default</c>, which it routes to a sandbox of its own.
/// </summary>
[Collection(SandboxErpFixture.CollectionName)]
public sealed class OrderToSettlementSliceTests(SandboxErpFixture fixture)
{
    private static readonly DateTimeOffset Day = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task WebOrder_CapturedShippedAndSettledByStripe_BooksMatchTheHandComputation()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        var cluster = fixture.Cluster;
        fixture.Routes.Route("default", sandbox);
        var exporter = cluster.Exporter;
        var grains = cluster.Grains;
        await grains.GetGrain<IInventoryPositionGrain>(new PositionKey("SKU-E2E", "DC-1").ToString()).ReceiveAsync("po-e2e", 5, "PO-E2E");
        var order = grains.GetGrain<IOrderGrain>("web:E2E-1");
        await order.PlaceAsync(new PlaceOrder("placed-E2E-1", "web", "E2E-1", "EUR", Day,
            [new OrderLine("1", "SKU-E2E", 1, 100m, Tax: 20m, TaxCode: "VAT20")]));
        await order.ApplyAsync(new OrderCommand("auth-1", OrderEventType.PaymentAuthorized, Day, Amount: 120m, Tender: "card", Reference: "pi_e2e_1"));
        await order.ApplyAsync(new OrderCommand("cap-1", OrderEventType.PaymentCaptured, Day, Amount: 120m, Tender: "card", Reference: "pi_e2e_1"));
        await order.ApplyAsync(new OrderCommand("ship-1", OrderEventType.Shipped, Day, [new OrderCommandLine("1", 1)], "DC-1"));
        await ErpCluster.WaitUntilAsync(async () => (await grains.GetGrain<IReceivablesGrain>("stripe").FindAsync([new CaptureQuery("pi_e2e_1", null)]))[0] is not null,
            because: "the order records its capture with Stripe's receivables");

        const string header = "balance_transaction_id,created_utc,created,available_on_utc,available_on,currency,gross,fee,net,reporting_category,source_id,description,customer_facing_amount,customer_facing_currency,automatic_payout_id,automatic_payout_effective_at,customer_id,customer_email,charge_id,payment_intent_id,charge_created_utc,invoice_id,order_id,payment_method_type,card_brand";
        const string charge = "txn_e2e_1,2026-12-01 09:00:00,2026-12-01 10:00:00,2026-12-03 00:00:00,2026-12-03 01:00:00,eur,120.00,2.10,117.90,charge,ch_e2e_1,Order E2E-1,120.00,eur,po_e2e,2026-12-01 00:00:00,cus_1,a@example.com,ch_e2e_1,pi_e2e_1,2026-12-01 08:59:58,,E2E-1,card,visa";
        var file = SettlementParsers.Parse(SettlementProviders.Stripe, "po_e2e", header + "\n" + charge + "\n");
        await grains.GetGrain<ISettlementBatchGrain>($"{SettlementProviders.Stripe}:po_e2e").IngestAsync(file);

        // Bought online, returned in store (BORIS): the return and the refund book at STORE-1.
        await order.ApplyAsync(new OrderCommand("ret-1", OrderEventType.ReturnReceived, Day, [new OrderCommandLine("1", 1, ReturnDisposition.Restock)], "STORE-1"));
        await order.ApplyAsync(new OrderCommand("refund-1", OrderEventType.Refunded, Day, null, "STORE-1", 120m, "card", "re_e2e_1"));

        var posting = grains.GetGrain<IErpPostingGrain>("default");
        await ErpCluster.WaitUntilAsync(async () => (await posting.GetStatusAsync()).Posted == 4, because: "sale, settlement, return and refund are posted");

        // By hand. Sale: Cr 4000 revenue 100, Cr 2200 VAT 20, Dr 1210 card clearing 120.
        // Settlement: Cr 1210 clearing 120 (gross relieved), Dr 6190 processing fee 2.10, Dr 1100 bank 117.90.
        // Return (reverses the sale, owes the customer): Dr 4000 100, Dr 2200 20, Cr 2300 refunds payable 120.
        // Refund (pays it out through the card): Dr 2300 120, Cr 1210 120.
        // Net per account (debit positive): 1210 = 120 − 120 − 120 = −120 (the refund awaits the next settlement);
        // 1100 = 117.90; 6190 = 2.10; 4000 = −100 + 100 = 0; 2200 = −20 + 20 = 0; 2300 = −120 + 120 = 0.
        var expected = new Dictionary<string, decimal>
        {
            ["1210"] = -120m, ["1100"] = 117.90m, ["6190"] = 2.10m, ["4000"] = 0m, ["2200"] = 0m, ["2300"] = 0m,
        };
        var documents = await sandbox.DocumentsAsync();
        var books = documents.SelectMany(d => d.Journal.Lines!).GroupBy(l => l.Account!)
            .ToDictionary(g => g.Key, g => g.Sum(l => l.Debit - l.Credit));
        foreach (var (account, amount) in expected)
        {
            Assert.True(books.GetValueOrDefault(account) == amount, $"account {account}: books {books.GetValueOrDefault(account)}, by hand {amount}");
        }

        Assert.Equal(0m, books.Values.Sum());

        // hledger agrees with the hand computation on the exported day.
        var journal = exporter.PathOf("default", DateOnly.FromDateTime(Day.UtcDateTime));
        var check = await Hledger.RunAsync("-f", journal, "check", "--strict");
        Assert.True(check.ExitCode == 0, $"hledger check failed: {check.Error}");
        var balances = await Hledger.BalancesAsync(journal, "EUR");
        Assert.Equal(expected.Where(p => p.Value != 0).ToDictionary(p => exporter.AccountName(p.Key), p => p.Value).OrderBy(p => p.Key),
            balances.OrderBy(p => p.Key));
        var counts = await sandbox.CountsAsync();
        Assert.Equal((4L, 0L, 0L), (counts.Posted, counts.Duplicates, counts.Rejected));
    }
}
