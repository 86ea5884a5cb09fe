using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parity.Gateway.Tests.Testing;
using static Parity.Gateway.Tests.Orders.OrdersGateway;

namespace Parity.Gateway.Tests.Orders;

/// <summary>Issue 16: the order exception rate of <c>GET /v1/reconciliation</c> counts what belongs to orders. A cart's
/// reservation taken back by a cycle count is still raised for a person (the channel must be told), but it is no order
/// exception; an order's reservation taken back, backordered, is.</summary>
[Collection(OrdersGatewayCollection.Name)]
public sealed class OrderExceptionRateTests(OrdersGatewayFixture fixture)
{
    private readonly GatewayHost _host = fixture.Host;

    [Fact]
    public async Task PreemptedCart_IsRaisedButNotCountedAsAnOrderException_APreemptedOrderIs()
    {
        var web = _host.Client(GatewayHost.WebKey);
        var admin = _host.Client(GatewayHost.AdminKey);
        var warehouse = _host.Client(GatewayHost.WarehouseKey);
        var now = DateTimeOffset.UtcNow;
        var figuresUrl = $"/v1/reconciliation?channel=web&date={now:yyyy-MM-dd}";
        var before = OrderRate(await (await admin.GetAsync(figuresUrl)).AssertOkAsync());

        // A cart holds the only unit of one SKU; an order holds the only unit of another. Both are at STORE-1.
        var cartSku = NewSku();
        var orderSku = NewSku();
        await _host.ReceiveAsync(cartSku, "STORE-1", 1);
        await _host.ReceiveAsync(orderSku, "STORE-1", 1);
        var cart = $"cart-{Guid.NewGuid():N}"[..20];
        await (await web.PostAsJsonAsync("/v1/inventory/reservations", new
        {
            requestId = $"req-{cart}", orderRef = cart, kind = "Cart", lines = new[] { new { sku = cartSku, locationId = "STORE-1", quantity = 1 } },
        })).AssertOkAsync();
        var number = NewOrderNumber();
        var placed = await (await web.PostAsJsonAsync("/v1/orders", new
        {
            channelOrderId = number, currency = "EUR", placedAt = now,
            lines = new[] { new { lineId = "1", sku = orderSku, quantity = 1, unitPrice = 10m } },
            payments = new[] { new { method = "card", reference = "pi_rate", amount = 10m, status = "captured" } },
        })).AssertOkAsync(HttpStatusCode.Created);
        Assert.Equal("Allocated", placed.GetProperty("status").GetString());

        // A cycle count finds both shelves empty: both reservations are taken back.
        foreach (var sku in new[] { cartSku, orderSku })
        {
            await (await warehouse.PostAsJsonAsync($"/v1/inventory/positions/{sku}@STORE-1/cycle-counts",
                new { eventId = $"count-{sku}", countedQuantity = 0, reason = "shelf empty" })).AssertOkAsync();
        }

        await Eventually.WaitForAsync(
            async () => (await (await admin.GetAsync("/v1/exceptions?category=InsufficientStock")).AssertOkAsync()).EnumerateArray()
                .Select(e => e.GetProperty("traceKey").GetString()!).ToList(),
            keys => keys.Any(k => k.StartsWith($"Preempted/{cart}/", StringComparison.Ordinal)) && keys.Contains($"Backorder/web:{number}/1"),
            "both preemptions are raised");
        var after = await Eventually.WaitForAsync(
            async () => OrderRate(await (await admin.GetAsync(figuresUrl)).AssertOkAsync()),
            rate => rate.Transactions == before.Transactions + 1,
            "the placement is counted");

        Assert.Equal(before.Exceptions + 1, after.Exceptions);
    }

    private static (int Exceptions, int Transactions) OrderRate(JsonElement figures)
    {
        var rate = figures.GetProperty("exceptionRates").EnumerateArray().Single(r => r.GetProperty("transactionType").GetString() == "order");
        return (rate.GetProperty("exceptions").GetInt32(), rate.GetProperty("transactions").GetInt32());
    }
}
