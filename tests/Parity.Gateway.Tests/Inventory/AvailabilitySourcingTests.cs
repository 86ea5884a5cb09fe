using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parity.Gateway.Tests.Orders;
using Parity.Gateway.Tests.Testing;
using static Parity.Gateway.Tests.Orders.OrdersGateway;

namespace Parity.Gateway.Tests.Inventory;

/// <summary>A channel's availability total counts only the locations its orders are sourced from (the order cluster's
/// sourcing: marketplace from DC-1, store from STORE-1), while every location's own figure stays listed.</summary>
[Collection(OrdersGatewayCollection.Name)]
public sealed class AvailabilitySourcingTests(OrdersGatewayFixture fixture)
{
    private readonly GatewayHost _host = fixture.Host;

    [Fact]
    public async Task ChannelTotal_CountsOnlyItsSourcedLocations_AndTheMarketplaceTotalIsWhatAnOrderGets()
    {
        // The day: DC-1 holds 49 (marketplace capped at 8 there), STORE-1 holds 6 with a safety stock of 2 that
        // only the store may sell. Marketplace ATS: DC-1 8, STORE-1 4; store ATS: DC-1 49, STORE-1 6.
        var sku = NewSku();
        var admin = _host.Client(GatewayHost.AdminKey);
        var channels = new Dictionary<string, object> { ["store"] = new { tier = 0 }, ["web"] = new { tier = 1 }, ["marketplace"] = new { tier = 2, capUnits = 8 } };
        await (await admin.PutAsJsonAsync($"/v1/inventory/channel-policy/positions/{sku}@DC-1", new { protectedTier = 0, safetyStock = 0, channels })).AssertOkAsync();
        await (await admin.PutAsJsonAsync($"/v1/inventory/channel-policy/positions/{sku}@STORE-1", new { protectedTier = 0, safetyStock = 2, channels })).AssertOkAsync();
        await _host.ReceiveAsync(sku, "DC-1", 49);
        await _host.ReceiveAsync(sku, "STORE-1", 6);

        var marketplace = await AvailabilityAsync(GatewayHost.MarketplaceKey, sku, ("DC-1", 8), ("STORE-1", 4));
        var store = await AvailabilityAsync(GatewayHost.StoreKey, sku, ("DC-1", 49), ("STORE-1", 6));

        Assert.Equal(8, marketplace.GetProperty("total").GetInt32());
        Assert.Equal(["DC-1"], Sourced(marketplace));
        Assert.Equal(6, store.GetProperty("total").GetInt32());
        Assert.Equal(["STORE-1"], Sourced(store));

        // What the marketplace is offered, an order of it gets in full, all of it from DC-1.
        var number = NewOrderNumber();
        var order = new
        {
            channelOrderId = number, currency = "EUR",
            lines = new[] { new { lineId = "1", sku, quantity = 8, unitPrice = 10m } },
            payments = new[] { new { method = "card", reference = "amz-pay-1", amount = 80m, status = "authorized" } },
        };
        var placed = await (await _host.Client(GatewayHost.MarketplaceKey).PostAsJsonAsync("/v1/orders", order)).AssertOkAsync(HttpStatusCode.Created);
        Assert.Equal("Allocated", placed.GetProperty("status").GetString());
        Assert.Equal(8, (await _host.PositionAsync(sku, "DC-1")).GetProperty("reserved").GetInt32());
        Assert.Equal(0, (await _host.PositionAsync(sku, "STORE-1")).GetProperty("reserved").GetInt32());
    }

    [Fact]
    public async Task ChannelWithoutSourcing_CountsEveryLocation()
    {
        // The order cluster names no default list: a channel with no list of its own picks its locations itself
        // (reservations API), so every location counts and sourcedFrom is null.
        var sku = NewSku();
        await _host.ReceiveAsync(sku, "DC-1", 3);
        await _host.ReceiveAsync(sku, "STORE-1", 2);

        var b2b = await AvailabilityAsync(GatewayHost.AdminKey, sku, ("DC-1", 3), ("STORE-1", 2), channel: "b2b");

        Assert.Equal(5, b2b.GetProperty("total").GetInt32());
        Assert.Equal(JsonValueKind.Null, b2b.GetProperty("sourcedFrom").ValueKind);
    }

    [Fact]
    public async Task OpenApiDocument_SaysWhatTheTotalCounts()
    {
        var document = await (await _host.Client(null).GetAsync("/openapi/v1.json")).AssertOkAsync();

        var description = document.GetProperty("paths").GetProperty("/v1/inventory/availability/{sku}").GetProperty("get").GetProperty("description").GetString();
        Assert.Contains("sourcedFrom", description, StringComparison.Ordinal);
        Assert.Contains("Parity:Orders:Sourcing:Channels", description, StringComparison.Ordinal);
    }

    // The availability grain is fed by the positions' pushes: wait until every location's figure has arrived.
    private async Task<JsonElement> AvailabilityAsync(string key, string sku, (string Location, int Ats) first, (string Location, int Ats) second, string? channel = null)
    {
        var client = _host.Client(key);
        var query = channel is null ? "" : $"?channel={channel}";
        return await Eventually.WaitForAsync(
            async () => await (await client.GetAsync($"/v1/inventory/availability/{sku}{query}")).AssertOkAsync(),
            a => a.GetProperty("locations").EnumerateArray()
                .Select(l => (l.GetProperty("locationId").GetString()!, l.GetProperty("ats").GetInt32()))
                .OrderBy(l => l.Item1, StringComparer.Ordinal)
                .SequenceEqual(new[] { first, second }.OrderBy(l => l.Location, StringComparer.Ordinal)),
            $"both locations pushed their ATS for {sku}");
    }

    private static string[] Sourced(JsonElement availability) =>
        availability.GetProperty("sourcedFrom").EnumerateArray().Select(l => l.GetString()!).ToArray();
}
