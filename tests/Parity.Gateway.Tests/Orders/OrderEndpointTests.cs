using System.Net;
using System.Net.Http.Json;
using System.Text;
using Parity.Gateway.Tests.Testing;
using static Parity.Gateway.Tests.Orders.OrdersGateway;

namespace Parity.Gateway.Tests.Orders;

/// <summary>The order endpoints over a real loopback server: place, events, status and history, and their errors.</summary>
[Collection(OrdersGatewayCollection.Name)]
public sealed class OrderEndpointTests(OrdersGatewayFixture fixture)
{
    private readonly GatewayHost _host = fixture.Host;

    private HttpClient Web => _host.Client(GatewayHost.WebKey);

    [Fact]
    public async Task Place_Returns201WithLocation_AndTheOrderReadsBack()
    {
        var sku = NewSku();
        var number = NewOrderNumber();

        var response = await Web.PostAsJsonAsync("/v1/orders", Order(number, sku));

        var outcome = await response.AssertOkAsync(HttpStatusCode.Created);
        Assert.Equal($"/v1/orders/web%3A{number}", response.Headers.Location?.OriginalString);
        Assert.Equal(($"web:{number}", "Placed"), (outcome.GetProperty("orderId").GetString(), outcome.GetProperty("status").GetString()));
        Assert.Equal("Applied", outcome.GetProperty("outcomes")[0].GetProperty("disposition").GetString());
        var byLocation = await (await Web.GetAsync(response.Headers.Location)).AssertOkAsync();
        Assert.Equal($"web:{number}", byLocation.GetProperty("orderId").GetString());
        var view = await (await Web.GetAsync($"/v1/orders/web:{number}")).AssertOkAsync();
        Assert.Equal("Placed", view.GetProperty("status").GetString());
        var line = view.GetProperty("lines")[0];
        Assert.Equal((sku, 2), (line.GetProperty("sku").GetString(), line.GetProperty("quantity").GetInt32()));
    }

    [Fact]
    public async Task PlaceAuthorizeShip_ThroughTheApi_ReservesAndShipsStock_WithLineageInTheHistory()
    {
        var sku = NewSku();
        await _host.ReceiveAsync(sku, "DC-1", 5);
        var number = NewOrderNumber();
        await (await Web.PostAsJsonAsync("/v1/orders", Order(number, sku))).AssertOkAsync(HttpStatusCode.Created);

        using var authorize = new HttpRequestMessage(HttpMethod.Post, $"/v1/orders/web:{number}/events")
        {
            Content = JsonContent.Create(new { eventId = "auth-1", type = "PaymentAuthorized", amount = 48.93m, tender = "card" }),
        };
        authorize.Headers.Add("X-Correlation-Id", "corr-order-auth");
        var authorized = await (await Web.SendAsync(authorize)).AssertOkAsync();
        Assert.Equal("Allocated", authorized.GetProperty("status").GetString());
        Assert.Equal(2, (await _host.PositionAsync(sku, "DC-1")).GetProperty("reserved").GetInt32());

        var shipped = await (await Web.PostAsJsonAsync($"/v1/orders/web:{number}/events",
            new { eventId = "ship-1", type = "Shipped", locationId = "DC-1", reference = "DHL-1" })).AssertOkAsync();

        Assert.Equal("Shipped", shipped.GetProperty("status").GetString());
        var position = await _host.PositionAsync(sku, "DC-1");
        Assert.Equal((3, 0), (position.GetProperty("onHand").GetInt32(), position.GetProperty("reserved").GetInt32()));
        var history = await (await Web.GetAsync($"/v1/orders/web:{number}/history")).AssertOkAsync();
        var allocation = history.EnumerateArray().Single(e => e.GetProperty("type").GetString() == "LinesAllocated");
        Assert.Equal(("corr-order-auth", "web", "auth-1"), (allocation.GetProperty("correlationId").GetString(),
            allocation.GetProperty("sourceSystem").GetString(), allocation.GetProperty("sourceEventId").GetString()));
        var shipment = history.EnumerateArray().Single(e => e.GetProperty("type").GetString() == "LinesShipped");
        Assert.Equal(("ship-1", "lines-shipped", "DHL-1"), (shipment.GetProperty("sourceEventId").GetString(),
            shipment.GetProperty("event").GetProperty("$type").GetString(), shipment.GetProperty("event").GetProperty("carrierRef").GetString()));
    }

    [Fact]
    public async Task Place_WithAPaymentCapturedAtCheckout_AuthorizesCapturesAndAllocatesInOneRequest()
    {
        var sku = NewSku();
        await _host.ReceiveAsync(sku, "STORE-1", 2);
        var number = NewOrderNumber();
        var order = new
        {
            channelOrderId = number, currency = "EUR",
            lines = new[] { new { lineId = "1", sku, quantity = 2, unitPrice = 10m } },
            payments = new[] { new { method = "card", reference = "pi_9", amount = 20m, status = "captured" } },
        };

        var placed = await (await Web.PostAsJsonAsync("/v1/orders", order)).AssertOkAsync(HttpStatusCode.Created);

        Assert.Equal("Allocated", placed.GetProperty("status").GetString());
        Assert.Equal([$"placed:{number}", $"placed:{number}:authorized", $"placed:{number}:captured"],
            placed.GetProperty("outcomes").EnumerateArray().Select(o => o.GetProperty("eventId").GetString()));
        var view = await (await Web.GetAsync($"/v1/orders/web:{number}")).AssertOkAsync();
        Assert.Equal((20m, 20m), (view.GetProperty("authorized").GetDecimal(), view.GetProperty("captured").GetDecimal()));
    }

    [Fact]
    public async Task PartialRefund_KeepsTheStatusOfWhatShipped_AndOnlyAFullRefundIsRefunded()
    {
        var kept = NewSku();
        var cancelled = NewSku();
        await _host.ReceiveAsync(kept, "STORE-1", 2);
        await _host.ReceiveAsync(cancelled, "STORE-1", 1);
        var number = NewOrderNumber();
        var order = new
        {
            channelOrderId = number, currency = "EUR",
            lines = new[] { new { lineId = "1", sku = kept, quantity = 2, unitPrice = 10m }, new { lineId = "2", sku = cancelled, quantity = 1, unitPrice = 30m } },
            payments = new[] { new { method = "card", reference = "pi_pr", amount = 50m, status = "captured" } },
        };
        await (await Web.PostAsJsonAsync("/v1/orders", order)).AssertOkAsync(HttpStatusCode.Created);
        var events = $"/v1/orders/web:{number}/events";
        await (await Web.PostAsJsonAsync(events, new { eventId = "ship-1", type = "Shipped", lines = new[] { new { lineId = "1", quantity = 2 } } })).AssertOkAsync();
        await (await Web.PostAsJsonAsync(events, new { eventId = "cancel-2", type = "Cancelled", lines = new[] { new { lineId = "2", quantity = 1 } } })).AssertOkAsync();

        // The cancelled line's 30.00 goes back; the two units shipped are kept.
        await (await Web.PostAsJsonAsync(events, new { eventId = "refund-2", type = "Refunded", amount = 30m, tender = "card" })).AssertOkAsync();
        var afterPartialRefund = await (await Web.GetAsync($"/v1/orders/web:{number}")).AssertOkAsync();
        await (await Web.PostAsJsonAsync(events, new { eventId = "deliver-1", type = "Delivered" })).AssertOkAsync();
        var delivered = await (await Web.GetAsync($"/v1/orders/web:{number}")).AssertOkAsync();
        await (await Web.PostAsJsonAsync(events, new
        {
            eventId = "return-1", type = "ReturnReceived", locationId = "STORE-1", lines = new[] { new { lineId = "1", quantity = 1, disposition = "Restock" } },
        })).AssertOkAsync();
        await (await Web.PostAsJsonAsync(events, new { eventId = "refund-1a", type = "Refunded", amount = 10m, tender = "card" })).AssertOkAsync();
        var partlyReturned = await (await Web.GetAsync($"/v1/orders/web:{number}")).AssertOkAsync();
        await (await Web.PostAsJsonAsync(events, new { eventId = "refund-1b", type = "Refunded", amount = 10m, tender = "card" })).AssertOkAsync();
        var refunded = await (await Web.GetAsync($"/v1/orders/web:{number}")).AssertOkAsync();

        static (string?, decimal, bool) Refund(System.Text.Json.JsonElement view) =>
            (view.GetProperty("status").GetString(), view.GetProperty("refunded").GetDecimal(), view.GetProperty("partiallyRefunded").GetBoolean());
        Assert.Equal(("Shipped", 30m, true), Refund(afterPartialRefund));
        Assert.Equal(("Delivered", 30m, true), Refund(delivered));
        Assert.Equal(("PartiallyReturned", 40m, true), Refund(partlyReturned));
        Assert.Equal(("Refunded", 50m, false), Refund(refunded));
    }

    [Fact]
    public async Task ShipmentBeforePayment_Is202Parked_ThenApplied()
    {
        var sku = NewSku();
        await _host.ReceiveAsync(sku, "STORE-1", 2);
        var number = NewOrderNumber();
        await (await Web.PostAsJsonAsync("/v1/orders", Order(number, sku))).AssertOkAsync(HttpStatusCode.Created);

        var parked = await (await Web.PostAsJsonAsync($"/v1/orders/web:{number}/events", new { eventId = "ship-1", type = "Shipped" })).AssertOkAsync(HttpStatusCode.Accepted);
        await (await Web.PostAsJsonAsync($"/v1/orders/web:{number}/events", new { eventId = "auth-1", type = "PaymentAuthorized" })).AssertOkAsync();

        Assert.Equal("Parked", parked.GetProperty("disposition").GetString());
        var view = await (await Web.GetAsync($"/v1/orders/web:{number}")).AssertOkAsync();
        Assert.Equal("Shipped", view.GetProperty("status").GetString());
        Assert.Equal(0, view.GetProperty("parkedEvents").GetArrayLength());
    }

    [Fact]
    public async Task ReturnInStoreWithDisposition_AndExchange_ThroughTheApi()
    {
        var sku = NewSku();
        var other = NewSku();
        await _host.ReceiveAsync(sku, "DC-1", 2);
        await _host.ReceiveAsync(other, "STORE-1", 1);
        var number = NewOrderNumber();
        await (await Web.PostAsJsonAsync("/v1/orders", Order(number, sku))).AssertOkAsync(HttpStatusCode.Created);
        await (await Web.PostAsJsonAsync($"/v1/orders/web:{number}/events", new { eventId = "auth", type = "PaymentAuthorized" })).AssertOkAsync();
        await (await Web.PostAsJsonAsync($"/v1/orders/web:{number}/events", new { eventId = "ship", type = "Shipped" })).AssertOkAsync();

        await (await Web.PostAsJsonAsync($"/v1/orders/web:{number}/events", new
        {
            eventId = "return", type = "ReturnReceived", locationId = "STORE-2", lines = new[] { new { lineId = "1", quantity = 1, disposition = "Restock" } },
        })).AssertOkAsync();
        var exchange = await (await Web.PostAsJsonAsync($"/v1/orders/web:{number}/events", new
        {
            eventId = "exchange", type = "Exchanged", locationId = "STORE-2", tender = "card",
            lines = new[] { new { lineId = "1", quantity = 1, disposition = "ProcessingRequired" } },
            replacement = Order(number + "X", other, quantity: 1),
        })).AssertOkAsync();

        Assert.Equal($"web:{number}X", exchange.GetProperty("detail").GetString());
        var store = await _host.PositionAsync(sku, "STORE-2");
        Assert.Equal((1, 1), (store.GetProperty("onHand").GetInt32(), store.GetProperty("qualityControl").GetInt32()));
        var replacement = await (await Web.GetAsync($"/v1/orders/web:{number}X")).AssertOkAsync();
        Assert.Equal($"web:{number}", replacement.GetProperty("exchangeOf").GetString());
    }

    [Fact]
    public async Task UnknownOrder_Is404()
    {
        var response = await Web.GetAsync($"/v1/orders/web:{NewOrderNumber()}");
        await response.AssertProblemAsync(HttpStatusCode.NotFound, "order-not-found");
        var history = await Web.GetAsync($"/v1/orders/web:{NewOrderNumber()}/history");
        await history.AssertProblemAsync(HttpStatusCode.NotFound, "order-not-found");
    }

    [Fact]
    public async Task AnotherChannelsOrder_IsForbidden_ForReadsAndEvents_ButAdminMayAct()
    {
        var number = NewOrderNumber();
        await (await _host.Client(GatewayHost.StoreKey).PostAsJsonAsync("/v1/orders", Order(number, NewSku()))).AssertOkAsync(HttpStatusCode.Created);
        var length = await _host.JournalLengthAsync(OrderGrain($"store:{number}"));

        await (await Web.GetAsync($"/v1/orders/store:{number}")).AssertProblemAsync(HttpStatusCode.Forbidden, "other-channel");
        await (await Web.GetAsync($"/v1/orders/store:{number}/history")).AssertProblemAsync(HttpStatusCode.Forbidden, "other-channel");
        await (await Web.PostAsJsonAsync($"/v1/orders/store:{number}/events", new { eventId = "x", type = "Cancelled" }))
            .AssertProblemAsync(HttpStatusCode.Forbidden, "other-channel");

        Assert.Equal(length, await _host.JournalLengthAsync(OrderGrain($"store:{number}")));
        var admin = await (await _host.Client(GatewayHost.AdminKey).PostAsJsonAsync($"/v1/orders/store:{number}/events", new { eventId = "x", type = "Cancelled" })).AssertOkAsync();
        Assert.Equal("Cancelled", admin.GetProperty("status").GetString());
    }

    [Fact]
    public async Task RefusedTransition_Is409_AndChangesNothing()
    {
        var sku = NewSku();
        await _host.ReceiveAsync(sku, "STORE-1", 2);
        var number = NewOrderNumber();
        await (await Web.PostAsJsonAsync("/v1/orders", Order(number, sku))).AssertOkAsync(HttpStatusCode.Created);
        await (await Web.PostAsJsonAsync($"/v1/orders/web:{number}/events", new { eventId = "auth", type = "PaymentAuthorized" })).AssertOkAsync();
        await (await Web.PostAsJsonAsync($"/v1/orders/web:{number}/events", new { eventId = "ship", type = "Shipped", lines = new[] { new { lineId = "1", quantity = 1 } } })).AssertOkAsync();
        var length = await _host.JournalLengthAsync(OrderGrain($"web:{number}"));

        var response = await Web.PostAsJsonAsync($"/v1/orders/web:{number}/events", new { eventId = "cancel", type = "Cancelled" });

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "order-transition-refused");
        Assert.Equal(length, await _host.JournalLengthAsync(OrderGrain($"web:{number}")));
    }

    [Fact]
    public async Task EventThatDoesNotFitTheOrder_Is422_AndChangesNothing()
    {
        var number = NewOrderNumber();
        await (await Web.PostAsJsonAsync("/v1/orders", Order(number, NewSku()))).AssertOkAsync(HttpStatusCode.Created);
        var length = await _host.JournalLengthAsync(OrderGrain($"web:{number}"));

        var response = await Web.PostAsJsonAsync($"/v1/orders/web:{number}/events",
            new { eventId = "cancel", type = "Cancelled", lines = new[] { new { lineId = "no-such-line", quantity = 1 } } });

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "order-event-refused");
        Assert.Equal(length, await _host.JournalLengthAsync(OrderGrain($"web:{number}")));
    }

    [Fact]
    public async Task SecondPlacementUnderTheSameId_Is409()
    {
        var number = NewOrderNumber();
        await (await Web.PostAsJsonAsync("/v1/orders", Order(number, NewSku()))).AssertOkAsync(HttpStatusCode.Created);

        var response = await Web.PostAsJsonAsync("/v1/orders", Order(number, NewSku(), eventId: "another-event"));

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "order-transition-refused");
    }

    [Fact]
    public async Task RetriedPlacementAndEvent_ReturnTheOriginalOutcome()
    {
        var sku = NewSku();
        await _host.ReceiveAsync(sku, "STORE-1", 2);
        var number = NewOrderNumber();
        await (await Web.PostAsJsonAsync("/v1/orders", Order(number, sku))).AssertOkAsync(HttpStatusCode.Created);
        var first = await (await Web.PostAsJsonAsync($"/v1/orders/web:{number}/events", new { eventId = "auth", type = "PaymentAuthorized" })).AssertOkAsync();
        var length = await _host.JournalLengthAsync(OrderGrain($"web:{number}"));

        await (await Web.PostAsJsonAsync("/v1/orders", Order(number, sku))).AssertOkAsync(HttpStatusCode.Created);
        var again = await (await Web.PostAsJsonAsync($"/v1/orders/web:{number}/events", new { eventId = "auth", type = "PaymentAuthorized" })).AssertOkAsync();

        Assert.Equal(first.ToString(), again.ToString());
        Assert.Equal(length, await _host.JournalLengthAsync(OrderGrain($"web:{number}")));
        Assert.Equal(2, (await _host.PositionAsync(sku, "STORE-1")).GetProperty("reserved").GetInt32());
    }

    [Fact]
    public async Task IdempotencyKey_ReplaysTheAnswer_AndAnotherBodyIs422WithoutStateChange()
    {
        var number = NewOrderNumber();
        var key = Guid.NewGuid().ToString("N");
        using var first = new HttpRequestMessage(HttpMethod.Post, "/v1/orders") { Content = JsonContent.Create(Order(number, NewSku())) };
        first.Headers.Add("Idempotency-Key", key);
        var firstResponse = await Web.SendAsync(first);
        var firstBody = await firstResponse.Content.ReadAsStringAsync();
        var length = await _host.JournalLengthAsync(OrderGrain($"web:{number}"));

        using var replay = new HttpRequestMessage(HttpMethod.Post, "/v1/orders") { Content = new StringContent(await first.Content!.ReadAsStringAsync(), Encoding.UTF8, "application/json") };
        replay.Headers.Add("Idempotency-Key", key);
        var replayed = await Web.SendAsync(replay);
        var otherNumber = NewOrderNumber();
        using var reused = new HttpRequestMessage(HttpMethod.Post, "/v1/orders") { Content = JsonContent.Create(Order(otherNumber, NewSku())) };
        reused.Headers.Add("Idempotency-Key", key);
        var refused = await Web.SendAsync(reused);

        Assert.Equal(HttpStatusCode.Created, replayed.StatusCode);
        Assert.Equal("true", replayed.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(firstBody, await replayed.Content.ReadAsStringAsync());
        await refused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");
        Assert.Equal(length, await _host.JournalLengthAsync(OrderGrain($"web:{number}")));

        // The refused body named another order: it must not have been placed either.
        Assert.Equal(0, await _host.JournalLengthAsync(OrderGrain($"web:{otherNumber}")));
    }
}
