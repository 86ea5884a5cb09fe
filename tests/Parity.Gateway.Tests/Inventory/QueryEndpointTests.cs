using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Providers;
using Orleans.Runtime;
using Orleans.Storage;
using Parity.Gateway.Tests.Testing;
using Parity.GrainInterfaces.Inventory;
using Parity.Grains.Inventory;

namespace Parity.Gateway.Tests.Inventory;

[Collection(GatewayCollection.Name)]
public sealed class QueryEndpointTests(GatewayFixture fixture)
{
    private readonly GatewayHost _host = fixture.Host;

    private async Task ReserveAsync(string key, string requestId, string sku, string location, int quantity) =>
        await (await _host.Client(key).PostAsJsonAsync("/v1/inventory/reservations",
            new { requestId, orderRef = "o-" + requestId, kind = "Order", lines = new[] { new { sku, locationId = location, quantity } } })).AssertOkAsync();

    [Fact]
    public async Task Position_ShowsFigures_AndOnlyTheChannelsOwnReservations()
    {
        var position = await _host.NewPositionAsync(10);
        await ReserveAsync(GatewayHost.WebKey, "q-web", position.Sku, position.LocationId, 2);
        await ReserveAsync(GatewayHost.StoreKey, "q-store", position.Sku, position.LocationId, 3);

        var web = await (await _host.Client(GatewayHost.WebKey).GetAsync($"/v1/inventory/positions/{position}")).AssertOkAsync();
        var admin = await (await _host.Client(GatewayHost.AdminKey).GetAsync($"/v1/inventory/positions/{position}")).AssertOkAsync();

        Assert.Equal(10, web.GetProperty("onHand").GetInt32());
        Assert.Equal(5, web.GetProperty("reserved").GetInt32());
        Assert.Equal(5, web.GetProperty("availableToSell").GetInt32());
        Assert.Equal("web", Assert.Single(web.GetProperty("reservations").EnumerateArray()).GetProperty("channelId").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, web.GetProperty("atsByChannel").ValueKind);
        Assert.Equal(2, admin.GetProperty("reservations").GetArrayLength());
    }

    [Fact]
    public async Task ReadingAPositionNothingCreated_Is404_AndStoresNothing()
    {
        var readOnly = _host.Client(GatewayHost.ReadOnlyKey);
        var unknown = new PositionKey($"XSKU-{Guid.NewGuid():N}"[..20], "STORE-1");

        for (var i = 0; i < 3; i++)
        {
            await (await readOnly.GetAsync($"/v1/inventory/positions/{unknown}")).AssertProblemAsync(HttpStatusCode.NotFound, "position-not-found");
        }

        Assert.Equal(0, await _host.JournalLengthAsync(unknown));
        Assert.Null(await _host.Journal.ReadSnapshotAsync(GatewayHost.PositionGrain(unknown)));
        Assert.Empty(await KnownLocationsAsync(unknown.Sku));
    }

    [Fact]
    public async Task ReadingAnUnknownLocationOfAKnownSku_AddsNoLocationToTheSku()
    {
        var known = await _host.NewPositionAsync(5);
        await Eventually.WaitForAsync(() => KnownLocationsAsync(known.Sku), l => l.Count == 1, "the receipt's position reached the SKU's availability");
        var fake = new PositionKey(known.Sku, "ZZ-FAKE-LOC");

        await (await _host.Client(GatewayHost.ReadOnlyKey).GetAsync($"/v1/inventory/positions/{fake}")).AssertProblemAsync(HttpStatusCode.NotFound, "position-not-found");
        // The position the read activated may still push; its only chance to is right after the read.
        await (await _host.Client(GatewayHost.WebKey).GetAsync($"/v1/inventory/availability/{known.Sku}")).AssertOkAsync();

        Assert.Equal(0, await _host.JournalLengthAsync(fake));
        Assert.Equal(["STORE-1"], await KnownLocationsAsync(known.Sku));
        var position = await (await _host.Client(GatewayHost.ReadOnlyKey).GetAsync($"/v1/inventory/positions/{known}")).AssertOkAsync();
        Assert.Equal(5, position.GetProperty("onHand").GetInt32());
    }

    // The locations the SKU's availability grain has stored (every location that ever pushed).
    private async Task<List<string>> KnownLocationsAsync(string sku)
    {
        var storage = _host.Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        var state = new GrainState<SkuAvailabilityLocations>(new SkuAvailabilityLocations());
        await storage.ReadStateAsync("locations", GrainId.Create("sku-availability", sku), state);
        return state.State?.LocationIds ?? [];
    }

    [Fact]
    public async Task Availability_SaysHowManyAndWhere()
    {
        var a = await _host.NewPositionAsync(4, "STORE-A");
        var b = new Parity.GrainInterfaces.Inventory.PositionKey(a.Sku, "STORE-B");
        await (await _host.Client(GatewayHost.WarehouseKey).PostAsJsonAsync($"/v1/inventory/positions/{b}/receipts", new { eventId = "av-b", quantity = 7 })).AssertOkAsync();
        var web = _host.Client(GatewayHost.WebKey);

        // The SKU availability grain is fed by pushes from the positions; wait for both to arrive.
        var answer = await Eventually.WaitForAsync(
            async () => await (await web.GetAsync($"/v1/inventory/availability/{a.Sku}")).AssertOkAsync(),
            a => a.GetProperty("total").GetInt32() == 11, "both locations pushed their ATS");

        Assert.Equal(11, answer.GetProperty("total").GetInt32());
        Assert.Equal("web", answer.GetProperty("channelId").GetString());
        var locations = answer.GetProperty("locations").EnumerateArray().Select(l => l.GetProperty("locationId").GetString()!).ToArray();
        Assert.Equal(new[] { "STORE-B", "STORE-A" }, locations);
    }

    [Fact]
    public async Task Availability_ForAnotherChannel_IsForbidden_ButAdminMayAsk()
    {
        var a = await _host.NewPositionAsync(1);
        var forbidden = await _host.Client(GatewayHost.WebKey).GetAsync($"/v1/inventory/availability/{a.Sku}?channel=store");
        await forbidden.AssertProblemAsync(HttpStatusCode.Forbidden, "other-channel");

        var admin = await (await _host.Client(GatewayHost.AdminKey).GetAsync($"/v1/inventory/availability/{a.Sku}?channel=store")).AssertOkAsync();
        Assert.Equal("store", admin.GetProperty("channelId").GetString());
    }

    [Fact]
    public async Task Position_ForAnotherChannel_IsForbidden()
    {
        var a = await _host.NewPositionAsync(1);
        var response = await _host.Client(GatewayHost.WebKey).GetAsync($"/v1/inventory/positions/{a}?channel=marketplace");
        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "other-channel");
    }

    [Fact]
    public async Task Position_Malformed_IsUnprocessable_NamingTheField()
    {
        var response = await _host.Client(GatewayHost.WebKey).GetAsync("/v1/inventory/positions/NO-LOCATION");
        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation-failed");
        Assert.Contains("SKU@LOCATION", problem.FieldErrors("position")[0]);
    }
}
