using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parity.Gateway.Tests.Testing;
using static Parity.Gateway.Tests.Orders.OrdersGateway;

namespace Parity.Gateway.Tests.Orders;

/// <summary>Every event in an order's history names what caused it (<c>causationId</c>): the request's command for
/// what a request raised, the event that unblocked or triggered it for what the order raised in reaction.</summary>
[Collection(OrdersGatewayCollection.Name)]
public sealed class OrderLineageTests(OrdersGatewayFixture fixture)
{
    private readonly GatewayHost _host = fixture.Host;

    [Fact]
    public async Task PlacedPaidShippedReturnedRefunded_EveryHistoryEventNamesItsCause()
    {
        var sku = NewSku();
        await _host.ReceiveAsync(sku, "DC-1", 3);
        var number = NewOrderNumber();
        var orderId = $"marketplace:{number}";
        var marketplace = _host.Client(GatewayHost.MarketplaceKey);
        var placement = $"placed-{number}";
        var order = new
        {
            eventId = placement, channelOrderId = number, currency = "EUR", placedAt = "2026-12-01T10:00:00Z",
            lines = new[] { new { lineId = "1", sku, quantity = 2, unitPrice = 10m, tax = 2m, taxCode = "VAT20" } },
            payments = new[] { new { method = "card", reference = "amz-cap-1", amount = 24m, status = "captured" } },
        };

        await (await marketplace.PostAsJsonAsync("/v1/orders", order)).AssertOkAsync(HttpStatusCode.Created);
        // Delivered before the shipment: parked, then applied when the shipment unblocks it.
        await (await marketplace.PostAsJsonAsync($"/v1/orders/{orderId}/events", new { eventId = "deliver-1", type = "Delivered" })).AssertOkAsync(HttpStatusCode.Accepted);
        await (await marketplace.PostAsJsonAsync($"/v1/orders/{orderId}/events", new { eventId = "ship-1", type = "Shipped", locationId = "DC-1", reference = "DHL-1" })).AssertOkAsync();
        await (await marketplace.PostAsJsonAsync($"/v1/orders/{orderId}/events", new
        {
            eventId = "return-1", type = "ReturnReceived", locationId = "DC-1", lines = new[] { new { lineId = "1", quantity = 1, disposition = "Restock" } },
        })).AssertOkAsync();
        await (await marketplace.PostAsJsonAsync($"/v1/orders/{orderId}/events", new { eventId = "refund-1", type = "Refunded", amount = 12m, tender = "card" })).AssertOkAsync();

        // Facts, captures and the placement count are handed on after the turn; wait until every hand-over is journaled.
        var history = await Eventually.WaitForAsync(
            async () => (await (await marketplace.GetAsync($"/v1/orders/{orderId}/history")).AssertOkAsync()).EnumerateArray().ToList(),
            h => h.Count(e => Type(e) == "FactSubmitted") == 3 && h.Any(e => Type(e) == "CaptureHandedOff") && h.Any(e => Type(e) == "PlacementCounted"),
            "the facts, the capture and the placement were handed on");

        Assert.All(history, e => Assert.False(string.IsNullOrEmpty(Causation(e)), $"{Type(e)} #{e.GetProperty("sequence")} has no causationId"));
        var factCauses = history.Where(e => Type(e) == "FactQueued")
            .ToDictionary(e => e.GetProperty("event").GetProperty("fact").GetProperty("factId").GetString()!, e => e.GetProperty("sourceEventId").GetString()!);
        foreach (var e in history)
        {
            var source = e.GetProperty("sourceEventId").GetString()!;
            var expected = Type(e) switch
            {
                // Handing a fact to posting was caused by the event that queued the fact.
                "FactSubmitted" => factCauses[source],
                "CaptureHandedOff" => $"{placement}:captured",
                "PlacementCounted" => placement,
                // The parked delivery, applied when the shipment came, was caused by the shipment.
                _ when source == "deliver-1" && !Parking(e) => "ship-1",
                // Everything else was raised by a request: the command that request carried.
                _ when source.StartsWith($"{placement}:", StringComparison.Ordinal) => placement,
                _ => source,
            };
            Assert.True(expected == Causation(e), $"{Type(e)} (source event {source}): causationId '{Causation(e)}', expected '{expected}'");
        }

        Assert.Equal(["refund-1", "return-1", "ship-1"], factCauses.Values.Order(StringComparer.Ordinal));
    }

    private static string Type(JsonElement entry) => entry.GetProperty("type").GetString()!;

    // Parking the early delivery (the event and its Parked outcome) happened in the delivery's own request.
    private static bool Parking(JsonElement entry) =>
        Type(entry) == "EventParked"
        || (Type(entry) == "OutcomeRecorded" && entry.GetProperty("event").GetProperty("outcome").GetProperty("disposition").GetString() == "Parked");

    private static string? Causation(JsonElement entry) => entry.GetProperty("causationId").GetString();
}
