using System.Diagnostics;
using Parity.Erp.Tests.Testing;
using Parity.GrainInterfaces.Erp;
using Parity.GrainInterfaces.Exceptions;
using Parity.GrainInterfaces.Inventory;
using Parity.GrainInterfaces.Orders;
using Parity.GrainInterfaces.Settlements;
using Parity.GrainInterfaces.StoreDays;
using Parity.Grains.Posting;
using Parity.Grains.Settlements.Parsing;

namespace Parity.Erp.Tests.EndToEnd;

/// <summary>
/// Issue 6's end-to-end day through the wiring, with real grains and the real sandbox ERP (driven through the grains,
/// not the gateway's HTTP API): a web order (Stripe), a marketplace order (Amazon) and a POS store day whose card
/// takings Adyen settles; shipments; a BORIS return and its refund; settlement files of all three providers in their
/// published layouts; the store day's summary first rejected by the ERP (its tax mapped to an account the sandbox does
/// not know), raised on the exception console, retried through the console's source once the mapping is fixed, and
/// posted once. The ERP is down for 30 seconds in the middle of the day (after the shipments): what follows queues and
/// is posted once when it returns. The sandbox's books, and hledger on the exported day, then equal figures computed by hand.
/// </summary>
public sealed class FullDayTests : IDisposable
{
    private static readonly DateTimeOffset Day = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private const string UnknownTaxAccount = "2290";

    private readonly string _directory = Directory.CreateTempSubdirectory("parity-day-").FullName;

    private static PostingRulesOptions Rules(string storeDayTaxAccount)
    {
        var options = PostingRulesOptions.CreateDefault();
        // POS tickets carry tax without a code; the store-day summary's tax goes to VAT 20 %.
        options.Rules.Add(new PostingRuleOptions { Kind = "StoreDaySummary", Type = "tax", Account = storeDayTaxAccount, Side = JournalSide.Credit });
        return options;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task WebMarketplaceAndPosDay_SettledByStripeAdyenAndAmazon_BooksMatchTheHandComputation()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        // The day's totals are counts over the whole cluster (figures, console, the legal entity default): a cluster of
        // its own.
        await using var cluster = await ErpTestCluster.StartAsync(ErpCluster.FullDay(sandbox, _directory));
        var rules = cluster.Rules;
        rules.Replace(Rules(UnknownTaxAccount));
        var exporter = cluster.Exporter;
        var grains = cluster.Grains;
        await grains.GetGrain<IInventoryPositionGrain>(new PositionKey("SKU-DAY", "DC-1").ToString()).ReceiveAsync("po-day", 10, "PO-DAY");

        // Web order, paid by card (Stripe), shipped.
        var web = grains.GetGrain<IOrderGrain>("web:DAY-W1");
        await web.PlaceAsync(new PlaceOrder("placed-DAY-W1", "web", "DAY-W1", "EUR", Day,
            [new OrderLine("1", "SKU-DAY", 1, 100m, Tax: 20m, TaxCode: "VAT20")]));
        await web.ApplyAsync(new OrderCommand("w-auth", OrderEventType.PaymentAuthorized, Day, Amount: 120m, Tender: "card", Reference: "pi_day_w1"));
        await web.ApplyAsync(new OrderCommand("w-cap", OrderEventType.PaymentCaptured, Day, Amount: 120m, Tender: "card", Reference: "pi_day_w1"));
        await web.ApplyAsync(new OrderCommand("w-ship", OrderEventType.Shipped, Day, [new OrderCommandLine("1", 1)], "DC-1"));

        // Marketplace order (Amazon collects the money), shipped.
        const string amazonOrder = "305-1234567-7654321";
        var marketplace = grains.GetGrain<IOrderGrain>($"amazon:{amazonOrder}");
        await marketplace.PlaceAsync(new PlaceOrder("placed-DAY-A1", "amazon", amazonOrder, "EUR", Day,
            [new OrderLine("1", "SKU-DAY", 1, 50m, Tax: 10m, TaxCode: "VAT20")]));
        await marketplace.ApplyAsync(new OrderCommand("a-auth", OrderEventType.PaymentAuthorized, Day, Amount: 60m, Tender: "marketplace", Reference: amazonOrder));
        await marketplace.ApplyAsync(new OrderCommand("a-cap", OrderEventType.PaymentCaptured, Day, Amount: 60m, Tender: "marketplace", Reference: amazonOrder));
        await marketplace.ApplyAsync(new OrderCommand("a-ship", OrderEventType.Shipped, Day, [new OrderCommandLine("1", 1)], "DC-1"));

        // The ERP goes down for 30 seconds in the middle of the day, once both sales are posted: the rest of the day
        // queues durably and is posted, once each, when the ERP returns.
        var posting = grains.GetGrain<IErpPostingGrain>("default");
        await ErpCluster.WaitUntilAsync(async () => (await posting.GetStatusAsync()).Posted == 2, because: "both sales are posted before the outage");
        var outage = TimeSpan.FromSeconds(30);
        await sandbox.StartOutageAsync(outage);
        var clock = Stopwatch.StartNew();

        // POS: three tickets in a batch (card 60 through the Adyen terminal, cash 30, a gift card of 25 sold for cash), then
        // the day is closed (summary mode).
        var storeDay = grains.GetGrain<IStoreDayGrain>(new StoreDayKey("STORE-1", DateOnly.FromDateTime(Day.UtcDateTime)).ToString());
        await storeDay.SubmitBatchAsync(new PosBatch("pos-batch-1",
        [
            new PosTicket("T1", Day, [new PosTicketLine(PosLineType.Sale, "SKU-POS", 1, 50m, 10m)], [new PosTender("card", 60m)]),
            new PosTicket("T2", Day, [new PosTicketLine(PosLineType.Sale, "SKU-POS", 1, 25m, 5m)], [new PosTender("cash", 30m)]),
            new PosTicket("T3", Day, [PosTicketLine.GiftCard(25m)], [new PosTender("cash", 25m)]),
        ]));
        // The terminal's capture is taken outside an order grain; it reaches Adyen's receivables as the gateway's
        // POST /v1/receivables/{provider}/captures would hand it over.
        await grains.GetGrain<IReceivablesGrain>(SettlementProviders.Adyen)
            .RecordCaptureAsync(SettlementProviders.Adyen, "POS-STORE-1-T1", "pos:STORE-1-2026-12-01-T1", 60m, "EUR", Day);
        await storeDay.CloseAsync();

        await ErpCluster.WaitUntilAsync(async () =>
            (await grains.GetGrain<IReceivablesGrain>(SettlementProviders.Stripe).FindAsync([new CaptureQuery("pi_day_w1", null)]))[0] is not null
            && (await grains.GetGrain<IReceivablesGrain>(SettlementProviders.Amazon).FindAsync([new CaptureQuery(amazonOrder, null)]))[0] is not null,
            because: "the orders record their captures with Stripe's and Amazon's receivables");

        // Settlement files in the providers' layouts.
        const string stripeHeader = "balance_transaction_id,created_utc,created,available_on_utc,available_on,currency,gross,fee,net,reporting_category,source_id,description,customer_facing_amount,customer_facing_currency,automatic_payout_id,automatic_payout_effective_at,customer_id,customer_email,charge_id,payment_intent_id,charge_created_utc,invoice_id,order_id,payment_method_type,card_brand";
        const string stripeCharge = "txn_day_1,2026-12-01 09:00:00,2026-12-01 10:00:00,2026-12-03 00:00:00,2026-12-03 01:00:00,eur,120.00,2.10,117.90,charge,ch_day_1,Order DAY-W1,120.00,eur,po_day,2026-12-01 00:00:00,cus_1,a@example.com,ch_day_1,pi_day_w1,2026-12-01 08:59:58,,DAY-W1,card,visa";
        await grains.GetGrain<ISettlementBatchGrain>($"{SettlementProviders.Stripe}:po_day")
            .IngestAsync(SettlementParsers.Parse(SettlementProviders.Stripe, "po_day", stripeHeader + "\n" + stripeCharge + "\n"));

        const string adyenHeader = "Company Account,Merchant Account,Psp Reference,Merchant Reference,Payment Method,Creation Date,TimeZone,Type,Modification Reference,Gross Currency,Gross Debit (GC),Gross Credit (GC),Exchange Rate,Net Currency,Net Debit (NC),Net Credit (NC),Commission (NC),Markup (NC),Scheme Fees (NC),Interchange (NC),Payment Method Variant,Modification Merchant Reference,Batch Number,Reserved4,Reserved5,Reserved6,Reserved7,Reserved8,Reserved9,Reserved10";
        const string adyenSettled = "ParityRetail,ParityRetailPosEUR,8815990000000001,POS-STORE-1-T1,visa,2026-12-01 11:00:00,CET,Settled,8815990000000001,EUR,,60.00,1,EUR,,58.80,1.20,,,,visacredit,,901,,,,,,,";
        await grains.GetGrain<ISettlementBatchGrain>($"{SettlementProviders.Adyen}:901")
            .IngestAsync(SettlementParsers.Parse(SettlementProviders.Adyen, "901", adyenHeader + "\n" + adyenSettled + "\n"));

        const string amazonHeader = "settlement-id\tsettlement-start-date\tsettlement-end-date\tdeposit-date\ttotal-amount\tcurrency\ttransaction-type\torder-id\tmerchant-order-id\tadjustment-id\tshipment-id\tmarketplace-name\tamount-type\tamount-description\tamount\tfulfillment-id\tposted-date\tposted-date-time\torder-item-code\tmerchant-order-item-id\tmerchant-adjustment-item-id\tsku\tquantity-purchased";
        string AmazonRow(string type, string description, string amount) =>
            $"22222222222\t\t\t\t\t\tOrder\t{amazonOrder}\t\t\tDkDay1\tAmazon.de\t{type}\t{description}\t{amount}\tAFN\t2026-12-01 00:00:00 UTC\t2026-12-01 00:00:00 UTC\t22222222222222\t\t\tSKU-DAY\t1";
        var amazonFile = string.Join('\n',
            amazonHeader,
            "22222222222\t2026-11-30 00:00:00 UTC\t2026-12-02 00:00:00 UTC\t2026-12-03 00:00:00 UTC\t49.50\tEUR\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t",
            AmazonRow("ItemPrice", "Principal", "50.00"),
            AmazonRow("ItemPrice", "Tax", "10.00"),
            AmazonRow("ItemFees", "Commission", "-7.50"),
            AmazonRow("ItemFees", "FBAPerUnitFulfillmentFee", "-3.00")) + "\n";
        await grains.GetGrain<ISettlementBatchGrain>($"{SettlementProviders.Amazon}:22222222222")
            .IngestAsync(SettlementParsers.Parse(SettlementProviders.Amazon, "22222222222", amazonFile));

        // Bought online, returned in store (BORIS): the return and the refund book at STORE-1.
        await web.ApplyAsync(new OrderCommand("w-ret", OrderEventType.ReturnReceived, Day, [new OrderCommandLine("1", 1, ReturnDisposition.Restock)], "STORE-1"));
        await web.ApplyAsync(new OrderCommand("w-refund", OrderEventType.Refunded, Day, null, "STORE-1", 120m, "card", "re_day_w1"));

        // During the outage: the summary, three settlements, the return and the refund wait in the queue; nothing is posted.
        await ErpCluster.WaitUntilAsync(async () => (await posting.GetStatusAsync()).Queued == 6, outage, "the rest of the day queues during the outage");
        var during = await sandbox.CountsAsync();
        Assert.True(clock.Elapsed < outage, $"the day's business after the shipments was queued within the outage ({clock.Elapsed.TotalSeconds:F1} s)");
        Assert.Equal(2L, during.Posted);
        Assert.True(during.Unavailable > 0, "posting met the outage");

        // After it, the store-day summary is rejected (tax on an account the sandbox does not know) and shows on the console.
        await ErpCluster.WaitUntilAsync(async () => (await posting.GetStatusAsync()) is { Posted: 7, Rejected: 1 }, outage + TimeSpan.FromSeconds(30),
            because: "two sales, three settlements, return and refund are posted after the outage; the summary is rejected");
        Assert.True(clock.Elapsed >= outage - TimeSpan.FromSeconds(1), "nothing is posted before the ERP returns");
        var queue = grains.GetGrain<IExceptionQueueGrain>(IExceptionQueueGrain.GlobalKey);
        var rejected = Assert.Single(await queue.GetAsync(ExceptionCategory.ErpRejected));
        Assert.Contains("UnknownAccount", rejected.Message);
        Assert.Equal(1L, (await sandbox.CountsAsync()).Rejected);

        // Mapping fixed, retried from the console's source; a replay sends nothing twice.
        rules.Replace(Rules("2200"));
        var source = ExceptionSources.Resolve(grains, rejected.Source!)!;
        var retry = await source.RetryAsync(rejected.TraceKey, new Dictionary<string, string>());
        Assert.True(retry.Resolved, retry.Message);
        await ErpCluster.WaitUntilAsync(async () => (await posting.GetStatusAsync()).Posted == 8, because: "the retried summary is posted");
        var replay = await source.RetryAsync(rejected.TraceKey, new Dictionary<string, string>());
        Assert.False(replay.Resolved, replay.Message);

        // By hand (debit positive):
        // Web sale:       Dr 1210 card clearing 120; Cr 4000 revenue 100; Cr 2200 VAT 20; Dr 5000 COGS 40; Cr 1300 inventory 40.
        // Amazon sale:    Dr 1230 marketplace clearing 60; Cr 4000 50; Cr 2200 10; Dr 5000 40; Cr 1300 40.
        // Store summary:  Dr 1210 card 60; Dr 1010 cash 55 (30 + 25); Cr 4000 75 (50 + 25); Cr 2200 15 (10 + 5);
        //                 Cr 2400 gift cards 25; Dr 5000 30 (2 × SKU-POS at 15); Cr 1300 30.
        // Stripe payout:  Cr 1210 120; Dr 6190 other fee 2.10; Dr 1100 bank 117.90.
        // Adyen batch:    Cr 1210 60; Dr 6100 commission 1.20; Dr 1100 58.80.
        // Amazon payout:  Cr 1230 60 (50 + 10); Dr 6100 commission 7.50; Dr 6120 fulfilment 3.00; Dr 1100 49.50.
        // BORIS return:   Dr 4000 100; Dr 2200 20; Cr 2300 refunds payable 120; restocked: Dr 1300 40; Cr 5000 40.
        // Refund to card: Dr 2300 120; Cr 1210 120.
        // 1210 = 120 + 60 − 120 − 60 − 120 = −120 (the refund awaits Stripe's next payout)
        // 1230 = 60 − 60 = 0;  1010 = 30 + 25 = 55;  1100 = 117.90 + 58.80 + 49.50 = 226.20
        // 4000 = −100 − 50 − 75 + 100 = −125;  2200 = −20 − 10 − 15 + 20 = −25;  2300 = −120 + 120 = 0
        // 6190 = 2.10;  6100 = 1.20 + 7.50 = 8.70;  6120 = 3.00;  2290 (the unknown account) = 0
        // 5000 = 40 + 40 − 40 + 30 = 70;  1300 = −40 − 40 + 40 − 30 = −70;  2400 = −25 (gift cards outstanding)
        // Check: −120 + 55 + 226.20 − 125 − 25 − 25 + 2.10 + 8.70 + 3.00 + 70 − 70 = 0.
        var expected = new Dictionary<string, decimal>
        {
            ["1210"] = -120m, ["1230"] = 0m, ["1010"] = 55m, ["1100"] = 226.20m,
            ["4000"] = -125m, ["2200"] = -25m, ["2300"] = 0m,
            ["6190"] = 2.10m, ["6100"] = 8.70m, ["6120"] = 3.00m, [UnknownTaxAccount] = 0m,
            ["5000"] = 70m, ["1300"] = -70m, ["2400"] = -25m,
        };
        var documents = await sandbox.DocumentsAsync();
        Assert.Equal(8, documents.Count);
        var books = documents.SelectMany(d => d.Journal.Lines!).GroupBy(l => l.Account!)
            .ToDictionary(g => g.Key, g => g.Sum(l => l.Debit - l.Credit));
        foreach (var (account, amount) in expected)
        {
            Assert.True(books.GetValueOrDefault(account) == amount, $"account {account}: books {books.GetValueOrDefault(account)}, by hand {amount}");
        }

        Assert.Empty(books.Keys.Except(expected.Keys));
        Assert.Equal(0m, books.Values.Sum());

        // hledger agrees with the hand computation on the exported day. The exporter writes one file per posting date
        // (settlements book on their payout dates, the store-day summary on its closing time), so the day's business
        // is the union of the entity's files.
        var entityDirectory = Path.GetDirectoryName(exporter.PathOf("default", DateOnly.FromDateTime(Day.UtcDateTime)))!;
        var files = Directory.GetFiles(entityDirectory, "*.journal").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        var journal = Path.Combine(_directory, "day.journal");
        await File.WriteAllLinesAsync(journal, files.Select(f => $"include {f}"));
        var check = await Hledger.RunAsync("-f", journal, "check", "--strict");
        Assert.True(check.ExitCode == 0, $"hledger check failed: {check.Error}");
        var balances = await Hledger.BalancesAsync(journal, "EUR");
        Assert.Equal(expected.Where(p => p.Value != 0).ToDictionary(p => exporter.AccountName(p.Key), p => p.Value).OrderBy(p => p.Key),
            balances.OrderBy(p => p.Key));

        // Exactly once, outage or not: eight journals posted, the summary rejected once before its fix, nothing twice,
        // no retry before the Retry-After the ERP gave.
        var counts = await sandbox.CountsAsync();
        Assert.Equal((8L, 0L, 1L, 0L), (counts.Posted, counts.Duplicates, counts.Rejected, counts.EarlyRetries));
    }
}
