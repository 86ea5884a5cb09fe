using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Parity.Erp.Tests.Testing;
using Parity.GrainInterfaces.Erp;
using Parity.GrainInterfaces.Settlements;
using Parity.Grains.Orders;
using static Parity.Erp.Tests.Testing.HttpChecks;

namespace Parity.Erp.Tests.EndToEnd;

/// <summary>
/// Issue 16's case through the HTTP API: a web order of two lines paid 103.20 by card; line 1 ships, line 2 is cancelled
/// before shipping and refunded 60.00; Stripe pays out the charge and the refund. The refund hands back money the books
/// never took in (line 2 was never invoiced), so card clearing must end at zero, not at −60.00.
/// </summary>
public sealed class RefundOfCancelledLineOverHttpTests
{
    private static readonly DateTimeOffset Day = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    private const string WarehouseKey = "refund-warehouse-key-1";
    private const string WebKey = "refund-web-key-0000001";
    private const string FinanceKey = "refund-finance-key-001";

    [Fact]
    public async Task LineCancelledBeforeShippingAndRefunded_ThenSettled_LeavesCardClearingAtZero()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        var settings = ErpCluster.QuickRetriesTo(sandbox);
        settings[$"{OrderOptions.SectionName}:{nameof(OrderOptions.PostingRetryPeriod)}"] = ErpCluster.Span(TimeSpan.FromMilliseconds(100));
        settings[$"{OrderOptions.SectionName}:{nameof(OrderOptions.PaymentProviders)}:web/card"] = "stripe";
        settings[$"{OrderOptions.SectionName}:{nameof(OrderOptions.Sourcing)}:{nameof(SourcingRules.Channels)}:web:0"] = "DC-1";
        await using var cluster = await ErpTestCluster.StartAsync(settings);
        await using var gateway = await GatewayServer.StartAsync(cluster.Client,
            (WarehouseKey, "warehouse", ["inventory:read", "inventory:write"]),
            (WebKey, "web", ["orders:write", "orders:read"]),
            (FinanceKey, "finance", ["finance"]));
        var (warehouse, web, finance) = (gateway.Client(WarehouseKey), gateway.Client(WebKey), gateway.Client(FinanceKey));
        await Ok(warehouse.PostAsJsonAsync("/v1/inventory/positions/SKU-R1@DC-1/receipts", new { eventId = "po-r1", quantity = 5, reference = "PO-R" }));
        await Ok(warehouse.PostAsJsonAsync("/v1/inventory/positions/SKU-R2@DC-1/receipts", new { eventId = "po-r2", quantity = 5, reference = "PO-R" }));

        await Ok(web.PostAsJsonAsync("/v1/orders", new
        {
            eventId = "placed-R1", channelOrderId = "R1", currency = "USD", placedAt = Day,
            lines = new object[]
            {
                new { lineId = "1", sku = "SKU-R1", quantity = 1, unitPrice = 40m, tax = 3.20m, taxCode = "US-SALES" },
                new { lineId = "2", sku = "SKU-R2", quantity = 1, unitPrice = 55.56m, tax = 4.44m, taxCode = "US-SALES" },
            },
        }));
        const string events = "/v1/orders/web:R1/events";
        await Ok(web.PostAsJsonAsync(events, new { eventId = "r1-auth", type = "PaymentAuthorized", occurredAt = Day, amount = 103.20m, tender = "card", reference = "pi_r1" }));
        await Ok(web.PostAsJsonAsync(events, new { eventId = "r1-cap", type = "PaymentCaptured", occurredAt = Day, amount = 103.20m, tender = "card", reference = "pi_r1" }));
        await Ok(web.PostAsJsonAsync(events, new { eventId = "r1-ship", type = "Shipped", occurredAt = Day, locationId = "DC-1", lines = new[] { new { lineId = "1", quantity = 1 } } }));
        await Ok(web.PostAsJsonAsync(events, new { eventId = "r1-cancel", type = "Cancelled", occurredAt = Day, lines = new[] { new { lineId = "2", quantity = 1 } } }));
        await Ok(web.PostAsJsonAsync(events, new { eventId = "r1-refund", type = "Refunded", occurredAt = Day, amount = 60m, tender = "card", reference = "pi_r1" }));
        await ErpCluster.WaitUntilAsync(async () =>
                (await cluster.Grains.GetGrain<IReceivablesGrain>(SettlementProviders.Stripe).FindAsync([new CaptureQuery("pi_r1", null)]))[0] is not null,
            because: "the order records its capture with Stripe's receivables");

        // Stripe pays out the charge (103.20, fee 3.30) and takes the refund back (−60.00): 39.90.
        const string header = "balance_transaction_id,created_utc,created,available_on_utc,available_on,currency,gross,fee,net,reporting_category,source_id,description,customer_facing_amount,customer_facing_currency,automatic_payout_id,automatic_payout_effective_at,customer_id,customer_email,charge_id,payment_intent_id,charge_created_utc,invoice_id,order_id,payment_method_type,card_brand";
        var payout = string.Join('\n', header,
            "txn_r1_charge,2026-12-03 10:00:00,2026-12-03 10:00:00,2026-12-04 00:00:00,2026-12-04 00:00:00,usd,103.20,3.30,99.90,charge,ch_r1,Order R1,103.20,usd,po_r1,2026-12-05 00:00:00,cus_1,a@example.com,ch_r1,pi_r1,2026-12-03 09:59:58,,R1,card,visa",
            "txn_r1_refund,2026-12-03 11:00:00,2026-12-03 11:00:00,2026-12-03 11:00:00,2026-12-03 11:00:00,usd,-60.00,0.00,-60.00,refund,re_r1,Refund line 2,-60.00,usd,po_r1,2026-12-05 00:00:00,cus_1,a@example.com,ch_r1,pi_r1,2026-12-03 09:59:58,,R1,card,visa") + "\n";
        var batch = await Ok(finance.PostAsync("/v1/settlements/stripe/batches/po_r1", new StringContent(payout, Encoding.UTF8, "text/csv")));
        Assert.NotEqual("Held", batch.GetProperty("status").GetString());

        // By hand (debit positive). Sale of line 1: Dr 1210 43.20; Cr 4000 40; Cr 2250 3.20. The refund of line 2 posts
        // nothing. Settlement: Cr 1210 103.20 (charge); Dr 1210 60 (refund); Dr 6190 3.30; Dr 1100 39.90.
        // 1210 = 43.20 − 103.20 + 60 = 0;  1100 = 39.90;  6190 = 3.30;  4000 = −40;  2250 = −3.20.
        var posting = cluster.Grains.GetGrain<IErpPostingGrain>("default");
        await ErpCluster.WaitUntilAsync(async () => (await posting.GetStatusAsync()).Posted == 2, because: "the sale and the settlement are posted");
        var books = (await sandbox.DocumentsAsync()).SelectMany(d => d.Journal.Lines!).GroupBy(l => l.Account!)
            .ToDictionary(g => g.Key, g => g.Sum(l => l.Debit - l.Credit));
        var expected = new Dictionary<string, decimal> { ["1210"] = 0m, ["1100"] = 39.90m, ["6190"] = 3.30m, ["4000"] = -40m, ["2250"] = -3.20m };
        foreach (var (account, amount) in expected)
        {
            Assert.True(books.GetValueOrDefault(account) == amount, $"account {account}: books {books.GetValueOrDefault(account)}, by hand {amount}");
        }

        Assert.Empty(books.Keys.Except(expected.Keys));
        Assert.Equal(60m, (await Ok(web.GetAsync("/v1/orders/web:R1"))).GetProperty("refunded").GetDecimal());
    }
}
