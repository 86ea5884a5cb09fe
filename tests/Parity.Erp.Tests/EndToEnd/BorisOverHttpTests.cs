using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Parity.Erp.Tests.Testing;
using static Parity.Erp.Tests.Testing.HttpChecks;

namespace Parity.Erp.Tests.EndToEnd;

/// <summary>
/// Bought online, returned in store (issue 15): a web order of two units ships from DC-1; one unit comes back at STORE-1
/// through the store's POS, the return line naming the order and its line; the store's card terminal refunds that unit
/// (a partial refund to the original tender). Driven through the gateway's HTTP API over real grains and the real
/// sandbox ERP: the order records the return, STORE-1 takes the unit once, DC-1 is untouched, the reversal posts in the
/// web channel and the refund in the store day, every journal balances, and a second report of the same return from
/// either side changes nothing.
/// </summary>
public sealed class BorisOverHttpTests : IDisposable
{
    private static readonly DateTimeOffset Day = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    private const string WarehouseKey = "boris-warehouse-key-1";
    private const string WebKey = "boris-web-key-000001";
    private const string StoreKey = "boris-store-key-00001";
    private const string AdminKey = "boris-admin-key-00001";
    private const string CsvHeader = "ticket_id,store,business_date,occurred_at,line_type,sku,quantity,unit_price,tax,restock,tender_method,amount,original_order_id,original_line";

    private readonly string _directory = Directory.CreateTempSubdirectory("parity-boris-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task WebOrderReturnedAtAnotherStore_ReferencingTheOrderLine_RestocksOnceAtTheStoreAndBalances()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        await using var cluster = await ErpTestCluster.StartAsync(ErpCluster.FullDay(sandbox, _directory));
        await using var gateway = await StartGatewayAsync(cluster);
        var (warehouse, web, store, admin) = (gateway.Client(WarehouseKey), gateway.Client(WebKey), gateway.Client(StoreKey), gateway.Client(AdminKey));
        await PlaceShippedWebOrderAsync(warehouse, web, "BORIS-1");
        Assert.Equal(8, await OnHandAsync(admin, "SKU-DAY@DC-1"));

        // One of the two units comes back at STORE-1: the POS names the web order and its line; the card terminal refunds
        // 50 + 10 tax to the customer's card.
        var batch = new
        {
            batchId = "boris-batch-1",
            tickets = new object[]
            {
                new
                {
                    ticketId = "R1", occurredAt = Day,
                    lines = new[] { new { type = "return", sku = "SKU-DAY", quantity = 1, unitPrice = 50m, tax = 10m, originalOrderId = "web:BORIS-1", originalLineId = "1" } },
                    tenders = new[] { new { method = "card", amount = -60m } },
                },
            },
        };
        var first = await Ok(store.PostAsJsonAsync("/v1/stores/STORE-1/days/2026-12-02/batches", batch));
        Assert.Equal("Recorded", first.GetProperty("tickets")[0].GetProperty("status").GetString());

        // The order records the return; the unit is back on the shelf at STORE-1, DC-1 is untouched.
        await ErpCluster.WaitUntilAsync(async () => (await Ok(web.GetAsync("/v1/orders/web:BORIS-1"))).GetProperty("status").GetString() == "PartiallyReturned",
            because: "the store day hands the referenced return to the order");
        await ErpCluster.WaitUntilAsync(async () => await OnHandAsync(admin, "SKU-DAY@STORE-1") == 1, because: "the returned unit is restocked at STORE-1");
        Assert.Equal(8, await OnHandAsync(admin, "SKU-DAY@DC-1"));

        // Reported again from both sides: the same batch re-sent, the ticket re-sent in a CSV batch of its own, and the web
        // channel's ReturnReceived for the same unit at STORE-1.
        var again = await Ok(store.PostAsJsonAsync("/v1/stores/STORE-1/days/2026-12-02/batches", batch));
        Assert.Equal(first.ToString(), again.ToString());
        var csv = string.Join('\n', CsvHeader,
            "R1,STORE-1,2026-12-02,2026-12-02T10:00:00Z,return,SKU-DAY,1,50,10,,,,web:BORIS-1,1",
            "R1,STORE-1,2026-12-02,2026-12-02T10:00:00Z,tender,,,,,,card,-60,,") + "\n";
        var resent = await Ok(store.PostAsync("/v1/stores/STORE-1/days/2026-12-02/batches?batchId=boris-batch-2", new StringContent(csv, Encoding.UTF8, "text/csv")));
        Assert.Equal("Duplicate", resent.GetProperty("tickets")[0].GetProperty("status").GetString());
        var echo = await Ok(web.PostAsJsonAsync("/v1/orders/web:BORIS-1/events", new
        {
            eventId = "web-return-1", type = "ReturnReceived", occurredAt = Day, locationId = "STORE-1",
            lines = new[] { new { lineId = "1", quantity = 1, disposition = "Restock" } },
        }));
        Assert.Equal("PartiallyReturned", echo.GetProperty("status").GetString());
        var order = await Ok(web.GetAsync("/v1/orders/web:BORIS-1"));
        Assert.Equal(("PartiallyReturned", 1), (order.GetProperty("status").GetString(), order.GetProperty("lines")[0].GetProperty("returned").GetInt32()));
        Assert.Equal((1, 8), (await OnHandAsync(admin, "SKU-DAY@STORE-1"), await OnHandAsync(admin, "SKU-DAY@DC-1")));

        // The store day counts the refund it paid out, not the revenue the web order reverses.
        var closed = await Ok(store.PostAsync("/v1/stores/STORE-1/days/2026-12-02/close", null));
        var totals = closed.GetProperty("totals");
        Assert.Equal((0m, 0m, 0m, -60m, 60m), (totals.GetProperty("salesRevenue").GetDecimal(), totals.GetProperty("returnsRevenue").GetDecimal(),
            totals.GetProperty("tax").GetDecimal(), totals.GetProperty("tenders").GetProperty("card").GetDecimal(), totals.GetProperty("orderRefunds").GetDecimal()));

        // By hand (debit positive), each journal balancing on its own:
        // Web sale (2 units from DC-1): Dr 1210 card clearing 120; Cr 4000 revenue 100; Cr 2200 VAT 20; Dr 5000 COGS 80; Cr 1300 inventory 80.
        // Return (web channel, at STORE-1): Dr 4000 50; Dr 2200 10; Cr 2300 refunds payable 60; restocked: Dr 1300 40; Cr 5000 40.
        // Store-day summary (pos channel): Dr 2300 60 (the refund paid for the order); Cr 1210 60 (the card terminal's refund).
        // 1210 = 120 − 60 = 60; 4000 = −100 + 50 = −50; 2200 = −20 + 10 = −10; 2300 = −60 + 60 = 0; 5000 = 80 − 40 = 40; 1300 = −80 + 40 = −40.
        var expected = new Dictionary<string, decimal> { ["1210"] = 60m, ["4000"] = -50m, ["2200"] = -10m, ["2300"] = 0m, ["5000"] = 40m, ["1300"] = -40m };
        IReadOnlyList<Parity.ErpSandbox.SandboxDocument> documents = [];
        await ErpCluster.WaitUntilAsync(async () => (documents = await sandbox.DocumentsAsync()).Count == 3,
            because: "the sale, the return and the store-day summary reach the ERP");
        foreach (var document in documents)
        {
            Assert.Equal(document.Journal.Lines!.Sum(l => l.Debit), document.Journal.Lines!.Sum(l => l.Credit));
        }

        var returned = documents.Single(d => d.Journal.Lines!.Any(l => l.Account == "2300" && l.Credit > 0));
        Assert.All(returned.Journal.Lines!, l => Assert.Equal(("web", "STORE-1"), (l.Channel, l.Location)));
        var books = documents.SelectMany(d => d.Journal.Lines!).GroupBy(l => l.Account!).ToDictionary(g => g.Key, g => g.Sum(l => l.Debit - l.Credit));
        Assert.Equal(expected.OrderBy(p => p.Key), books.OrderBy(p => p.Key));
        var counts = await sandbox.CountsAsync();
        Assert.Equal((3L, 0L), (counts.Posted, counts.Duplicates));
        Assert.Equal(0, (await Ok(admin.GetAsync("/v1/exceptions?category=DuplicateSuspected"))).GetArrayLength());
    }

    [Fact]
    public async Task WebChannelReportsTheStoreReturnFirst_ThePosReportOfTheSameUnitIsMatchedNotRestockedAgain()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        await using var cluster = await ErpTestCluster.StartAsync(ErpCluster.FullDay(sandbox, _directory));
        await using var gateway = await StartGatewayAsync(cluster);
        var (warehouse, web, store, admin) = (gateway.Client(WarehouseKey), gateway.Client(WebKey), gateway.Client(StoreKey), gateway.Client(AdminKey));
        await PlaceShippedWebOrderAsync(warehouse, web, "BORIS-3");

        // The web channel reports the unit returned at STORE-1 first (restocked there, the sale reversed); then the POS
        // batch arrives naming the same order line at the same store.
        await Ok(web.PostAsJsonAsync("/v1/orders/web:BORIS-3/events", new
        {
            eventId = "web-return-3", type = "ReturnReceived", occurredAt = Day, locationId = "STORE-1",
            lines = new[] { new { lineId = "1", quantity = 1, disposition = "Restock" } },
        }));
        Assert.Equal(1, await OnHandAsync(admin, "SKU-DAY@STORE-1"));
        var csv = string.Join('\n', CsvHeader,
            "R3,STORE-1,2026-12-02,2026-12-02T10:00:00Z,return,SKU-DAY,1,50,10,,,,web:BORIS-3,1",
            "R3,STORE-1,2026-12-02,2026-12-02T10:00:00Z,tender,,,,,,card,-60,,") + "\n";
        await Ok(store.PostAsync("/v1/stores/STORE-1/days/2026-12-02/batches?batchId=boris-batch-3", new StringContent(csv, Encoding.UTF8, "text/csv")));
        await ErpCluster.WaitUntilAsync(async () => (await Ok(store.GetAsync("/v1/stores/STORE-1/days/2026-12-02"))).GetProperty("pendingInventoryLines").GetInt32() == 0,
            because: "the store day hands the return to the order");

        var order = await Ok(web.GetAsync("/v1/orders/web:BORIS-3"));
        Assert.Equal(("PartiallyReturned", 1), (order.GetProperty("status").GetString(), order.GetProperty("lines")[0].GetProperty("returned").GetInt32()));
        Assert.Equal((1, 8), (await OnHandAsync(admin, "SKU-DAY@STORE-1"), await OnHandAsync(admin, "SKU-DAY@DC-1")));

        // One reversal (the web channel's), the store day's refund, the sale: three balanced journals, refunds payable cleared.
        await Ok(store.PostAsync("/v1/stores/STORE-1/days/2026-12-02/close", null));
        IReadOnlyList<Parity.ErpSandbox.SandboxDocument> documents = [];
        await ErpCluster.WaitUntilAsync(async () => (documents = await sandbox.DocumentsAsync()).Count == 3,
            because: "the sale, the return and the store-day summary reach the ERP");
        var books = documents.SelectMany(d => d.Journal.Lines!).GroupBy(l => l.Account!).ToDictionary(g => g.Key, g => g.Sum(l => l.Debit - l.Credit));
        Assert.Equal((0m, -50m, 60m), (books["2300"], books["4000"], books["1210"]));
        Assert.Equal(0, (await Ok(admin.GetAsync("/v1/exceptions?category=DuplicateSuspected"))).GetArrayLength());
    }

    [Fact]
    public async Task PosReturnReference_UnknownOrderLineOrTooManyUnits_IsRefusedNamingTheFieldAndChangesNothing()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        await using var cluster = await ErpTestCluster.StartAsync(ErpCluster.FullDay(sandbox, _directory));
        await using var gateway = await StartGatewayAsync(cluster);
        var (warehouse, web, store, admin) = (gateway.Client(WarehouseKey), gateway.Client(WebKey), gateway.Client(StoreKey), gateway.Client(AdminKey));
        await PlaceShippedWebOrderAsync(warehouse, web, "BORIS-2");

        object Batch(string type, string orderId, string lineId, int quantity) => new
        {
            batchId = $"refused-{type}-{orderId}-{lineId}-{quantity}",
            tickets = new object[]
            {
                new
                {
                    ticketId = "R9", occurredAt = Day,
                    lines = new[] { new { type, sku = "SKU-DAY", quantity, unitPrice = 50m, tax = 10m * quantity, originalOrderId = orderId, originalLineId = lineId } },
                    tenders = new[] { new { method = "card", amount = (type == "return" ? -60m : 60m) * quantity } },
                },
            },
        };

        await Refused(store.PostAsJsonAsync("/v1/stores/STORE-1/days/2026-12-02/batches", Batch("return", "web:NO-SUCH-ORDER", "1", 1)), "tickets[0].lines[0].originalOrderId");
        await Refused(store.PostAsJsonAsync("/v1/stores/STORE-1/days/2026-12-02/batches", Batch("return", "web:BORIS-2", "9", 1)), "tickets[0].lines[0].originalLineId");
        await Refused(store.PostAsJsonAsync("/v1/stores/STORE-1/days/2026-12-02/batches", Batch("return", "web:BORIS-2", "1", 3)), "tickets[0].lines[0].quantity");
        await Refused(store.PostAsJsonAsync("/v1/stores/STORE-1/days/2026-12-02/batches", Batch("sale", "web:BORIS-2", "1", 1)), "tickets[0].lines[0].originalOrderId");
        var csv = string.Join('\n', CsvHeader,
            "R9,STORE-1,2026-12-02,2026-12-02T10:00:00Z,return,SKU-DAY,1,50,10,,,,web:BORIS-2,7",
            "R9,STORE-1,2026-12-02,2026-12-02T10:00:00Z,tender,,,,,,card,-60,,") + "\n";
        await Refused(store.PostAsync("/v1/stores/STORE-1/days/2026-12-02/batches?batchId=refused-csv", new StringContent(csv, Encoding.UTF8, "text/csv")), "rows[2].original_line");

        // Nothing changed: the order has nothing returned, the store day no ticket, STORE-1 no unit.
        var order = await Ok(web.GetAsync("/v1/orders/web:BORIS-2"));
        Assert.Equal(("Shipped", 0), (order.GetProperty("status").GetString(), order.GetProperty("lines")[0].GetProperty("returned").GetInt32()));
        Assert.Equal(0, (await Ok(store.GetAsync("/v1/stores/STORE-1/days/2026-12-02"))).GetProperty("totals").GetProperty("tickets").GetInt32());
        // STORE-1 has no unit: its position was never even created (a read of it answers 404 and stores nothing).
        using var position = await admin.GetAsync("/v1/inventory/positions/SKU-DAY@STORE-1");
        Assert.Equal(HttpStatusCode.NotFound, position.StatusCode);
    }

    private static Task<GatewayServer> StartGatewayAsync(ErpTestCluster cluster) =>
        GatewayServer.StartAsync(cluster.Client,
            (WarehouseKey, "warehouse", ["inventory:read", "inventory:write"]),
            (WebKey, "web", ["orders:write", "orders:read"]),
            (StoreKey, "STORE-1", ["pos:write", "pos:read"]),
            (AdminKey, "operations", ["admin", "inventory:read"]));

    // A web order of two units of SKU-DAY (50 each, 10 VAT each), paid by card and shipped from DC-1.
    private static async Task PlaceShippedWebOrderAsync(HttpClient warehouse, HttpClient web, string channelOrderId)
    {
        await Ok(warehouse.PostAsJsonAsync("/v1/inventory/positions/SKU-DAY@DC-1/receipts", new { eventId = $"po-{channelOrderId}", quantity = 10, reference = "PO-BORIS" }));
        await Ok(web.PostAsJsonAsync("/v1/orders", new
        {
            eventId = $"placed-{channelOrderId}", channel = "web", channelOrderId, currency = "EUR", placedAt = Day,
            lines = new[] { new { lineId = "1", sku = "SKU-DAY", quantity = 2, unitPrice = 50m, tax = 20m, taxCode = "VAT20" } },
        }));
        var events = $"/v1/orders/web:{channelOrderId}/events";
        await Ok(web.PostAsJsonAsync(events, new { eventId = "auth", type = "PaymentAuthorized", occurredAt = Day, amount = 120m, tender = "card", reference = $"pi_{channelOrderId}" }));
        await Ok(web.PostAsJsonAsync(events, new { eventId = "cap", type = "PaymentCaptured", occurredAt = Day, amount = 120m, tender = "card", reference = $"pi_{channelOrderId}" }));
        await Ok(web.PostAsJsonAsync(events, new { eventId = "ship", type = "Shipped", occurredAt = Day, locationId = "DC-1", lines = new[] { new { lineId = "1", quantity = 2 } } }));
    }

    private static async Task<int> OnHandAsync(HttpClient client, string position) =>
        (await Ok(client.GetAsync($"/v1/inventory/positions/{position}"))).GetProperty("onHand").GetInt32();

    private static async Task Refused(Task<HttpResponseMessage> request, string field)
    {
        using var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{(int)response.StatusCode} {body}");
        using var problem = JsonDocument.Parse(body);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"{field} is not named: {body}");
    }
}
