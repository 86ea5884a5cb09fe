using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parity.Gateway.Tests.Testing;
using Parity.GrainInterfaces.Inventory;

namespace Parity.Gateway.Tests.Inventory;

[Collection(GatewayCollection.Name)]
public sealed class ReservationEndpointTests(GatewayFixture fixture)
{
    private readonly GatewayHost _host = fixture.Host;

    private static object Reserve(string requestId, params (PositionKey Position, int Quantity)[] lines) => new
    {
        requestId,
        orderRef = "order-" + requestId,
        kind = "Order",
        lines = lines.Select(l => new { sku = l.Position.Sku, locationId = l.Position.LocationId, quantity = l.Quantity }).ToArray(),
    };

    private async Task<JsonElement> ReserveOkAsync(string key, object body) =>
        await (await _host.Client(key).PostAsJsonAsync("/v1/inventory/reservations", body)).AssertOkAsync();

    private async Task<int> ReservedAsync(PositionKey position) =>
        (await (await _host.Client(GatewayHost.AdminKey).GetAsync($"/v1/inventory/positions/{position}")).AssertOkAsync()).GetProperty("reserved").GetInt32();

    [Fact]
    public async Task Reserve_WithAnotherChannelsRequestId_MakesItsOwnReservation_AndNeverSeesTheOther()
    {
        var position = await _host.NewPositionAsync(10);
        var web = await ReserveOkAsync(GatewayHost.WebKey, Reserve("shared-request-id", (position, 2)));

        var marketplace = await ReserveOkAsync(GatewayHost.MarketplaceKey, Reserve("shared-request-id", (position, 3)));
        var webRetry = await ReserveOkAsync(GatewayHost.WebKey, Reserve("shared-request-id", (position, 2)));
        var marketplaceRetry = await ReserveOkAsync(GatewayHost.MarketplaceKey, Reserve("shared-request-id", (position, 3)));

        var webHeld = Assert.Single(web.GetProperty("reservations").EnumerateArray());
        var marketplaceHeld = Assert.Single(marketplace.GetProperty("reservations").EnumerateArray());
        Assert.NotEqual(webHeld.GetProperty("reservationId").GetString(), marketplaceHeld.GetProperty("reservationId").GetString());
        Assert.Equal(("marketplace", 3), (marketplace.GetProperty("channelId").GetString(), marketplaceHeld.GetProperty("quantity").GetInt32()));
        Assert.Equal(webHeld.GetProperty("reservationId").GetString(), Assert.Single(webRetry.GetProperty("reservations").EnumerateArray()).GetProperty("reservationId").GetString());
        Assert.Equal(marketplaceHeld.GetProperty("reservationId").GetString(), Assert.Single(marketplaceRetry.GetProperty("reservations").EnumerateArray()).GetProperty("reservationId").GetString());
        Assert.Equal(5, await ReservedAsync(position));
        var seenByMarketplace = await (await _host.Client(GatewayHost.MarketplaceKey).GetAsync($"/v1/inventory/positions/{position}")).AssertOkAsync();
        Assert.Equal("marketplace", Assert.Single(seenByMarketplace.GetProperty("reservations").EnumerateArray()).GetProperty("channelId").GetString());
    }

    [Fact]
    public async Task AReservationStoredUnderTheRequestIdAsSent_KeepsAnsweringItsOwnChannelsRetries_AndNoOtherChannel()
    {
        // Before request ids were scoped by channel the gateway stored them as sent; such a journal must keep working.
        var position = await _host.NewPositionAsync(10);
        var stored = await _host.Grains.GetGrain<IInventoryPositionGrain>(position.ToString())
            .ReserveAsync(new ReserveRequest("legacy-request", "web", "order-legacy-request", ReservationKind.Order, [new ReserveLine(position.Sku, position.LocationId, 2)]));

        var retry = await ReserveOkAsync(GatewayHost.WebKey, Reserve("legacy-request", (position, 2)));
        var other = await ReserveOkAsync(GatewayHost.MarketplaceKey, Reserve("legacy-request", (position, 1)));

        Assert.Equal(stored.ReservationId, Assert.Single(retry.GetProperty("reservations").EnumerateArray()).GetProperty("reservationId").GetString());
        Assert.NotEqual(stored.ReservationId, Assert.Single(other.GetProperty("reservations").EnumerateArray()).GetProperty("reservationId").GetString());
        Assert.Equal(3, await ReservedAsync(position));
    }

    [Fact]
    public async Task Reserve_AcrossTwoPositions_HoldsBoth_ForTheKeysChannel()
    {
        var a = await _host.NewPositionAsync(5);
        var b = await _host.NewPositionAsync(5, "STORE-2");

        var answer = await ReserveOkAsync(GatewayHost.WebKey, Reserve("two-pos", (a, 2), (b, 3), (a, 1)));

        Assert.Equal("web", answer.GetProperty("channelId").GetString());
        var held = answer.GetProperty("reservations").EnumerateArray().ToDictionary(r => r.GetProperty("locationId").GetString()!, r => r.GetProperty("quantity").GetInt32());
        Assert.Equal(3, held["STORE-1"]);
        Assert.Equal(3, held["STORE-2"]);
        Assert.Equal(3, await ReservedAsync(a));
        Assert.Equal(3, await ReservedAsync(b));
    }

    [Fact]
    public async Task Reserve_OneLineShort_HoldsNothingAnywhere()
    {
        var a = await _host.NewPositionAsync(5);
        var b = await _host.NewPositionAsync(1, "STORE-2");

        var response = await _host.Client(GatewayHost.WebKey).PostAsJsonAsync("/v1/inventory/reservations", Reserve("short", (a, 2), (b, 3)));

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict, "reservation-rejected");
        var refused = Assert.Single(problem.GetProperty("refusedLines").EnumerateArray());
        Assert.Equal("STORE-2", refused.GetProperty("locationId").GetString());
        Assert.Equal(1, refused.GetProperty("available").GetInt32());
        Assert.Equal("InsufficientStock", refused.GetProperty("reason").GetString());
        Assert.Equal(0, await ReservedAsync(a));
        Assert.Equal(0, await ReservedAsync(b));
    }

    [Fact]
    public async Task Reserve_Retried_GetsTheSameReservation()
    {
        var a = await _host.NewPositionAsync(5);
        var first = await ReserveOkAsync(GatewayHost.WebKey, Reserve("retry", (a, 2)));
        var second = await ReserveOkAsync(GatewayHost.WebKey, Reserve("retry", (a, 2)));

        Assert.Equal(first.GetProperty("reservations")[0].GetProperty("reservationId").GetString(), second.GetProperty("reservations")[0].GetProperty("reservationId").GetString());
        Assert.Equal(2, await ReservedAsync(a));
    }

    [Fact]
    public async Task Reserve_ForAnotherChannel_IsForbidden_AndChangesNothing()
    {
        var a = await _host.NewPositionAsync(5);
        var events = await _host.JournalLengthAsync(a);
        var body = new { requestId = "for-other", channelId = "store", orderRef = "o-1", kind = "Order", lines = new[] { new { sku = a.Sku, locationId = a.LocationId, quantity = 1 } } };

        var response = await _host.Client(GatewayHost.MarketplaceKey).PostAsJsonAsync("/v1/inventory/reservations", body);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "other-channel");
        Assert.Equal(events, await _host.JournalLengthAsync(a));
    }

    [Fact]
    public async Task Reserve_ByAdmin_ForANamedChannel_IsHeldForThatChannel()
    {
        var a = await _host.NewPositionAsync(5);
        var body = new { requestId = "admin-for-store", channelId = "store", orderRef = "o-2", kind = "Cart", lines = new[] { new { sku = a.Sku, locationId = a.LocationId, quantity = 1 } } };

        var answer = await ReserveOkAsync(GatewayHost.AdminKey, body);

        Assert.Equal("store", answer.GetProperty("channelId").GetString());
        Assert.Equal("Cart", answer.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Release_OwnReservation_FreesTheUnits_AndASecondReleaseSaysSo()
    {
        var a = await _host.NewPositionAsync(5);
        var id = (await ReserveOkAsync(GatewayHost.WebKey, Reserve("rel", (a, 2)))).GetProperty("reservations")[0].GetProperty("reservationId").GetString();
        var web = _host.Client(GatewayHost.WebKey);

        var first = await (await web.PostAsJsonAsync("/v1/inventory/reservations/release", new { eventId = "rel-1", sku = a.Sku, locationId = a.LocationId, reservationId = id, reason = "cart emptied" })).AssertOkAsync();
        var again = await (await web.PostAsJsonAsync("/v1/inventory/reservations/release", new { eventId = "rel-2", sku = a.Sku, locationId = a.LocationId, reservationId = id })).AssertOkAsync();

        Assert.True(first.GetProperty("released").GetBoolean());
        Assert.False(again.GetProperty("released").GetBoolean());
        Assert.Equal(0, await ReservedAsync(a));
    }

    [Fact]
    public async Task Release_AnotherChannelsReservation_IsForbidden_AndChangesNothing()
    {
        var a = await _host.NewPositionAsync(5);
        var id = (await ReserveOkAsync(GatewayHost.StoreKey, Reserve("store-owned", (a, 2)))).GetProperty("reservations")[0].GetProperty("reservationId").GetString();
        var events = await _host.JournalLengthAsync(a);

        var response = await _host.Client(GatewayHost.WebKey).PostAsJsonAsync("/v1/inventory/reservations/release", new { eventId = "steal", sku = a.Sku, locationId = a.LocationId, reservationId = id });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "other-channel");
        Assert.Equal(events, await _host.JournalLengthAsync(a));
        Assert.Equal(2, await ReservedAsync(a));
    }

    [Fact]
    public async Task Ship_OwnReservation_LowersOnHand_AndEndsIt()
    {
        var a = await _host.NewPositionAsync(5);
        var id = (await ReserveOkAsync(GatewayHost.WebKey, Reserve("ship", (a, 2)))).GetProperty("reservations")[0].GetProperty("reservationId").GetString();

        await (await _host.Client(GatewayHost.WebKey).PostAsJsonAsync("/v1/inventory/reservations/ship", new { eventId = "ship-1", sku = a.Sku, locationId = a.LocationId, reservationId = id, shipmentRef = "UPS 1Z999" })).AssertOkAsync();

        var view = await (await _host.Client(GatewayHost.AdminKey).GetAsync($"/v1/inventory/positions/{a}")).AssertOkAsync();
        Assert.Equal(3, view.GetProperty("onHand").GetInt32());
        Assert.Equal(0, view.GetProperty("reserved").GetInt32());
    }

    [Fact]
    public async Task Ship_AnotherChannelsReservation_IsForbidden_AndChangesNothing()
    {
        var a = await _host.NewPositionAsync(5);
        var id = (await ReserveOkAsync(GatewayHost.StoreKey, Reserve("store-ship", (a, 2)))).GetProperty("reservations")[0].GetProperty("reservationId").GetString();
        var events = await _host.JournalLengthAsync(a);

        var response = await _host.Client(GatewayHost.MarketplaceKey).PostAsJsonAsync("/v1/inventory/reservations/ship", new { eventId = "ship-x", sku = a.Sku, locationId = a.LocationId, reservationId = id, shipmentRef = "S-1" });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "other-channel");
        Assert.Equal(events, await _host.JournalLengthAsync(a));
    }

    [Fact]
    public async Task Ship_UnknownReservation_IsConflict_AndChangesNothing()
    {
        var a = await _host.NewPositionAsync(5);
        var events = await _host.JournalLengthAsync(a);

        var response = await _host.Client(GatewayHost.WebKey).PostAsJsonAsync("/v1/inventory/reservations/ship", new { eventId = "ship-none", sku = a.Sku, locationId = a.LocationId, reservationId = "no-such", shipmentRef = "S-2" });

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "reservation-not-active");
        Assert.Equal(events, await _host.JournalLengthAsync(a));
    }

    [Fact]
    public async Task Reserve_WithInventoryOnlyKey_IsForbidden()
    {
        var a = await _host.NewPositionAsync(5);
        var response = await _host.Client(GatewayHost.WarehouseKey).PostAsJsonAsync("/v1/inventory/reservations", Reserve("wh", (a, 1)));
        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden, "scope-missing");
        Assert.Equal("reservations:write", problem.GetProperty("requiredScopes")[0].GetString());
    }
}
