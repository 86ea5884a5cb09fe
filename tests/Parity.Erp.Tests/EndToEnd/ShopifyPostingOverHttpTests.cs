using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Parity.Erp.Tests.Testing;
using Parity.GrainInterfaces.Erp;
using Parity.Grains.Items;
using Parity.Grains.Orders;
using Parity.Grains.Posting;
using static Parity.Erp.Tests.Testing.HttpChecks;

namespace Parity.Erp.Tests.EndToEnd;

/// <summary>
/// Issue 16, fix 2: Shopify orders post to the ERP. Shopify's webhooks name taxes by their title (<c>CA State Tax</c>,
/// <c>FR TVA</c>) and payments by gateway (<c>shopify_payments</c>); the adapter maps them to Parity's tax codes and
/// tenders (<c>Gateway:Shopify</c>), so a Shopify order created paid, fulfilled and partly refunded posts its sale,
/// return and refund journals, driven through the gateway's HTTP API over real grains to the sandbox ERP.
/// </summary>
public sealed class ShopifyPostingOverHttpTests : IDisposable
{
    private const string WarehouseKey = "shopify-warehouse-key1";
    private const string ShopKey = "shopify-shop-key-00001";
    private const string AdminKey = "shopify-admin-key-0001";
    private const string Sku = "SKU-SHOP";

    private readonly string _directory = Directory.CreateTempSubdirectory("parity-shopify-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private Dictionary<string, string?> Settings(SandboxServer sandbox)
    {
        // What a retailer configures besides Shopify: the ERP, the hledger export, where web orders ship from, unit cost.
        var settings = ErpCluster.QuickRetriesTo(sandbox);
        settings[ErpCluster.Erp(nameof(ErpPostingOptions.HledgerDirectory))] = _directory;
        settings[$"{OrderOptions.SectionName}:{nameof(OrderOptions.PostingRetryPeriod)}"] = ErpCluster.Span(TimeSpan.FromMilliseconds(100));
        settings[$"{OrderOptions.SectionName}:{nameof(OrderOptions.Sourcing)}:{nameof(SourcingRules.Channels)}:web:0"] = "DC-1";
        settings[$"{ItemCostOptions.SectionName}:{nameof(ItemCostOptions.UnitCosts)}:{Sku}"] = "25";
        return settings;
    }

    private static readonly (string Key, string Channel, string[] Scopes)[] Keys =
    [
        (WarehouseKey, "warehouse", ["inventory:read", "inventory:write"]),
        (ShopKey, "web", ["orders:write", "orders:read"]),
        (AdminKey, "operations", ["admin"]),
    ];

    [Fact]
    public async Task UsShopifyOrder_PaidFulfilledAndPartlyRefunded_PostsSaleReturnAndRefundOnTheDefaultRules()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        await using var cluster = await ErpTestCluster.StartAsync(Settings(sandbox));

        // No Gateway:Shopify settings: the defaults (shopify_payments → card, any tax title → US-SALES).
        await using var gateway = await GatewayServer.StartAsync(cluster.Client, Keys);
        var shop = gateway.Client(ShopKey);
        await Ok(gateway.Client(WarehouseKey).PostAsJsonAsync($"/v1/inventory/positions/{Sku}@DC-1/receipts", new { eventId = "po-shop-1", quantity = 5, reference = "PO-1" }));

        // Two units at 40.00 with California state (6 %) and county (2 %) tax, 5.00 shipping: 80 + 6.40 + 5 = 91.40.
        const string order = "7200000000001";
        await Ok(Shopify(shop, "orders/create", $$"""
            { "id": {{order}}, "name": "#2001", "created_at": "2026-12-03T09:00:00-08:00", "currency": "USD",
              "financial_status": "paid", "gateway": "shopify_payments", "payment_gateway_names": ["shopify_payments"],
              "total_price": "91.40", "total_tax": "6.40",
              "line_items": [ { "id": {{order}}1, "sku": "{{Sku}}", "quantity": 2, "price": "40.00", "total_discount": "0.00",
                                "tax_lines": [ { "title": "CA State Tax", "price": "4.80", "rate": 0.06 },
                                               { "title": "Los Angeles County Tax", "price": "1.60", "rate": 0.02 } ] } ],
              "shipping_lines": [ { "id": 1, "title": "Standard", "price": "5.00", "tax_lines": [] } ] }
            """));
        await Ok(Shopify(shop, "fulfillments/create", $$"""
            { "id": 4902000000001, "order_id": {{order}}, "status": "success", "created_at": "2026-12-03T12:00:00-08:00",
              "location_id": null, "tracking_number": "1Z999", "line_items": [ { "id": {{order}}1, "sku": "{{Sku}}", "quantity": 2 } ] }
            """));

        // One unit comes back and is restocked; its price and tax are refunded (40 + 3.20).
        await Ok(Shopify(shop, "refunds/create", $$"""
            { "id": 9400000000001, "order_id": {{order}}, "created_at": "2026-12-04T10:00:00-08:00", "note": "Too small",
              "refund_line_items": [ { "id": 7800000000001, "line_item_id": {{order}}1, "location_id": null, "quantity": 1, "restock_type": "return" } ],
              "transactions": [ { "id": 6300000000001, "order_id": {{order}}, "kind": "refund", "gateway": "shopify_payments",
                                  "status": "success", "amount": "43.20", "currency": "USD" } ] }
            """));

        // Posted, or held: a held journal raises an exception, whose message the assertion shows.
        var posting = cluster.Grains.GetGrain<IErpPostingGrain>("default");
        var admin = gateway.Client(AdminKey);
        await ErpCluster.WaitUntilAsync(async () => (await posting.GetStatusAsync()).Posted == 3 || await OpenExceptionsAsync(admin) != "",
            TimeSpan.FromSeconds(30), because: "the sale, the return and the refund are posted or held");
        Assert.Equal("", await OpenExceptionsAsync(admin));
        Assert.Equal(3, (await posting.GetStatusAsync()).Posted);

        // By hand, from docs/operations.md's default rules (debit positive):
        // Sale:   Dr 1210 card 91.40; Cr 4000 revenue 80; Cr 2250 sales tax 6.40 (4.80 + 1.60); Cr 4100 shipping 5;
        //         Dr 5000 COGS 50 (2 × 25); Cr 1300 inventory 50.
        // Return: Dr 4000 40; Dr 2250 3.20; Cr 2300 refunds payable 43.20; Dr 1300 25; Cr 5000 25.
        // Refund: Dr 2300 43.20; Cr 1210 43.20.
        // 1210 = 91.40 − 43.20 = 48.20; 4000 = −80 + 40 = −40; 2250 = −6.40 + 3.20 = −3.20; 4100 = −5; 2300 = 0;
        // 5000 = 50 − 25 = 25; 1300 = −25. Check: 48.20 − 40 − 3.20 − 5 + 25 − 25 = 0.
        var expected = new Dictionary<string, decimal>
        {
            ["1210"] = 48.20m, ["4000"] = -40m, ["2250"] = -3.20m, ["4100"] = -5m, ["2300"] = 0m, ["5000"] = 25m, ["1300"] = -25m,
        };
        var documents = await sandbox.DocumentsAsync();
        Assert.Equal(3, documents.Count);
        foreach (var document in documents)
        {
            Assert.True(document.Journal.Lines!.Sum(l => l.Debit) == document.Journal.Lines!.Sum(l => l.Credit), $"journal {document.Journal.ExternalId} does not balance");
        }

        var books = documents.SelectMany(d => d.Journal.Lines!).GroupBy(l => l.Account!).ToDictionary(g => g.Key, g => g.Sum(l => l.Debit - l.Credit));
        foreach (var (account, amount) in expected)
        {
            Assert.True(books.GetValueOrDefault(account) == amount, $"account {account}: books {books.GetValueOrDefault(account)}, by hand {amount}");
        }

        Assert.Empty(books.Keys.Except(expected.Keys));
        var counts = await sandbox.CountsAsync();
        Assert.Equal((3L, 0L, 0L), (counts.Posted, counts.Duplicates, counts.Rejected));

        // hledger agrees on the exported journals.
        var exporter = cluster.Exporter;
        var entityDirectory = Path.GetDirectoryName(exporter.PathOf("default", new DateOnly(2026, 12, 3)))!;
        var journal = Path.Combine(_directory, "shopify.journal");
        await File.WriteAllLinesAsync(journal, Directory.GetFiles(entityDirectory, "*.journal").Order(StringComparer.Ordinal).Select(f => $"include {f}"));
        var check = await Hledger.RunAsync("-f", journal, "check", "--strict");
        Assert.True(check.ExitCode == 0, $"hledger check failed: {check.Error}");
        Assert.Equal(expected.Where(p => p.Value != 0).ToDictionary(p => exporter.AccountName(p.Key), p => p.Value).OrderBy(p => p.Key),
            (await Hledger.BalancesAsync(journal, "USD")).OrderBy(p => p.Key));
        Assert.Equal("", await OpenExceptionsAsync(admin));
    }

    [Fact]
    public async Task EuShopifyOrders_PostByTheirConfiguredTitleAndRate_AndAnUnmappedTitleOrGatewayIsHeldSayingHowToMapIt()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        await using var cluster = await ErpTestCluster.StartAsync(Settings(sandbox));

        // A French retailer: standard-rate TVA posts as VAT20, no default tax code (an unknown title is held, not booked
        // as US sales tax), PayPal and Shopify Payments by the default tender mapping.
        var shopify = new Dictionary<string, string?>
        {
            ["Gateway:Shopify:TaxCodes:FR TVA@0.2"] = "VAT20",
            ["Gateway:Shopify:DefaultTaxCode"] = "",
        };
        await using var gateway = await GatewayServer.StartAsync(cluster.Client, shopify, Keys);
        var shop = gateway.Client(ShopKey);
        var admin = gateway.Client(AdminKey);
        await Ok(gateway.Client(WarehouseKey).PostAsJsonAsync($"/v1/inventory/positions/{Sku}@DC-1/receipts", new { eventId = "po-shop-2", quantity = 5, reference = "PO-2" }));

        // Paid with PayPal, TVA at 20 %: 50 + 10 = 60. Then a reduced-rate (5.5 %) order paid by a manual gateway,
        // neither mapped: 20 + 1.10 = 21.10.
        await Ok(Shopify(shop, "orders/create", EuOrder("7300000000001", "paypal", "50.00", "10.00", 0.2m, "60.00")));
        await Ok(Shopify(shop, "orders/create", EuOrder("7300000000002", "manual", "20.00", "1.10", 0.055m, "21.10")));
        await Ok(Shopify(shop, "fulfillments/create", EuFulfillment("7300000000001", "4903000000001")));
        await Ok(Shopify(shop, "fulfillments/create", EuFulfillment("7300000000002", "4903000000002")));

        var held = default(JsonElement);
        await ErpCluster.WaitUntilAsync(async () =>
            {
                var listed = (await Ok(admin.GetAsync("/v1/exceptions?category=UnmappedTaxCode"))).EnumerateArray().ToList();
                held = listed.FirstOrDefault();
                return listed.Count == 1;
            }, TimeSpan.FromSeconds(30), because: "the second order's sale is held as UnmappedTaxCode");
        var posting = cluster.Grains.GetGrain<IErpPostingGrain>("default");
        await ErpCluster.WaitUntilAsync(async () => (await posting.GetStatusAsync()).Posted == 1, TimeSpan.FromSeconds(30),
            because: "the first order's sale is posted");

        // Sale: Dr 1220 PayPal clearing 60; Cr 4000 50; Cr 2200 VAT 20 % 10; Dr 5000 25; Cr 1300 25.
        var document = Assert.Single(await sandbox.DocumentsAsync());
        var books = document.Journal.Lines!.GroupBy(l => l.Account!).ToDictionary(g => g.Key, g => g.Sum(l => l.Debit - l.Credit));
        Assert.Equal(new Dictionary<string, decimal> { ["1220"] = 60m, ["4000"] = -50m, ["2200"] = -10m, ["5000"] = 25m, ["1300"] = -25m }.OrderBy(p => p.Key),
            books.OrderBy(p => p.Key));

        // The held sale names Shopify's own names and where to map them.
        var message = held.GetProperty("message").GetString()!;
        Assert.Contains("tax 'FR TVA'", message, StringComparison.Ordinal);
        Assert.Contains("tender 'manual'", message, StringComparison.Ordinal);
        Assert.Contains("Gateway:Shopify:TaxCodes", message, StringComparison.Ordinal);
        Assert.Contains("Gateway:Shopify:Tenders", message, StringComparison.Ordinal);
    }

    private static string EuOrder(string id, string gateway, string price, string tax, decimal rate, string total) => $$"""
        { "id": {{id}}, "name": "#{{id[^4..]}}", "created_at": "2026-12-03T10:00:00+01:00", "currency": "EUR",
          "financial_status": "paid", "gateway": "{{gateway}}", "total_price": "{{total}}", "total_tax": "{{tax}}",
          "line_items": [ { "id": {{id}}1, "sku": "{{Sku}}", "quantity": 1, "price": "{{price}}", "total_discount": "0.00",
                            "tax_lines": [ { "title": "FR TVA", "price": "{{tax}}", "rate": {{rate.ToString(System.Globalization.CultureInfo.InvariantCulture)}} } ] } ],
          "shipping_lines": [] }
        """;

    private static string EuFulfillment(string order, string id) => $$"""
        { "id": {{id}}, "order_id": {{order}}, "status": "success", "created_at": "2026-12-03T15:00:00+01:00",
          "line_items": [ { "id": {{order}}1, "sku": "{{Sku}}", "quantity": 1 } ] }
        """;

    private static async Task<string> OpenExceptionsAsync(HttpClient admin) =>
        string.Join(" | ", (await Ok(admin.GetAsync("/v1/exceptions?status=Open"))).EnumerateArray().Select(e => e.GetProperty("message").GetString()));
}
