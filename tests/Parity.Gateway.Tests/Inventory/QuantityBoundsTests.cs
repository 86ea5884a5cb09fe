using System.Net;
using System.Net.Http.Json;
using Parity.Gateway.Tests.Testing;
using Parity.GrainInterfaces.Inventory;

namespace Parity.Gateway.Tests.Inventory;

/// <summary>Issue 17, fixes 2 and 12: quantities have one bound per line and one per position, a request past either
/// is 422 naming the field and stores nothing; a channel policy bounds cart lifetime and its number of channels.</summary>
[Collection(GatewayCollection.Name)]
public sealed class QuantityBoundsTests(GatewayFixture fixture)
{
    // Limits.MaxPositionQuantity, written out so the figure the docs promise is what is tested.
    private const int MaxPositionQuantity = 1_000_000_000;

    private readonly GatewayHost _host = fixture.Host;

    private Task<HttpResponseMessage> PostAsync(PositionKey position, string movement, object body) =>
        _host.Client(GatewayHost.WarehouseKey).PostAsJsonAsync($"/v1/inventory/positions/{position}/{movement}", body);

    private async Task<int> FigureAsync(PositionKey position, string figure) =>
        (await (await _host.Client(GatewayHost.AdminKey).GetAsync($"/v1/inventory/positions/{position}")).AssertOkAsync()).GetProperty(figure).GetInt32();

    [Fact]
    public async Task ReceiptOfIntMaxValue_IsRefusedNamingTheQuantity_AndStoresNothing()
    {
        var position = await _host.NewPositionAsync(5);
        Assert.Equal(5, await FigureAsync(position, "onHand"));
        var journal = await _host.JournalLengthAsync(position);

        var problem = await (await PostAsync(position, "receipts", new { eventId = "rcv-max", quantity = int.MaxValue }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation-failed");

        Assert.Equal(journal, await _host.JournalLengthAsync(position));
        await (await PostAsync(position, "receipts", new { eventId = "rcv-one", quantity = 1 })).AssertOkAsync();
        Assert.Contains("at most 1,000,000", Assert.Single(problem.FieldErrors("quantity")), StringComparison.Ordinal);
        Assert.Equal(6, await FigureAsync(position, "onHand"));
    }

    [Fact]
    public async Task ReceiptPastThePositionBound_IsRefusedNamingTheQuantity_AndStoresNothing()
    {
        var position = await _host.NewPositionAsync(0);
        await (await PostAsync(position, "cycle-counts", new { eventId = "count-full", countedQuantity = MaxPositionQuantity })).AssertOkAsync();
        var journal = await _host.JournalLengthAsync(position);

        var problem = await (await PostAsync(position, "receipts", new { eventId = "rcv-over", quantity = 1 }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation-failed");

        Assert.Contains("1,000,000,000", Assert.Single(problem.FieldErrors("quantity")), StringComparison.Ordinal);
        Assert.Equal(MaxPositionQuantity, await FigureAsync(position, "onHand"));
        Assert.Equal(journal, await _host.JournalLengthAsync(position));
    }

    [Fact]
    public async Task IncomingTwiceToIntMaxValue_IsRefused_AndIncomingNeverWraps()
    {
        var position = await _host.NewPositionAsync(1);
        Assert.Equal(0, await FigureAsync(position, "incoming"));
        var journal = await _host.JournalLengthAsync(position);

        for (var i = 0; i < 2; i++)
        {
            await (await PostAsync(position, "incoming", new { eventId = $"asn-max-{i}", quantity = int.MaxValue, reference = $"PO-{i}" }))
                .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation-failed");
        }

        Assert.Equal(0, await FigureAsync(position, "incoming"));
        Assert.Equal(journal, await _host.JournalLengthAsync(position));
    }

    [Fact]
    public async Task CycleCountPastThePositionBound_IsRefused()
    {
        var position = await _host.NewPositionAsync(3);
        var problem = await (await PostAsync(position, "cycle-counts", new { eventId = "count-over", countedQuantity = MaxPositionQuantity + 1 }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation-failed");

        Assert.NotEmpty(problem.FieldErrors("countedQuantity"));
        Assert.Equal(3, await FigureAsync(position, "onHand"));
    }

    [Fact]
    public async Task PolicyWithA68YearCartOr101Channels_IsRefusedNamingTheField()
    {
        var position = await _host.NewPositionAsync(1);
        var admin = _host.Client(GatewayHost.AdminKey);
        var before = await (await admin.GetAsync($"/v1/inventory/channel-policy/positions/{position}")).Content.ReadAsStringAsync();

        var longCart = await (await admin.PutAsJsonAsync($"/v1/inventory/channel-policy/positions/{position}",
            new { defaultCartTtlSeconds = int.MaxValue, channels = new Dictionary<string, object> { ["web"] = new { tier = 1, cartTtlSeconds = 8 * 24 * 3600 } } }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation-failed");
        var manyChannels = await (await admin.PutAsJsonAsync($"/v1/inventory/channel-policy/positions/{position}",
            new { channels = Enumerable.Range(0, 101).ToDictionary(i => $"ch-{i}", _ => (object)new { tier = 1 }) }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation-failed");

        Assert.NotEmpty(longCart.FieldErrors("defaultCartTtlSeconds"));
        Assert.NotEmpty(longCart.FieldErrors("channels.web.cartTtlSeconds"));
        Assert.NotEmpty(manyChannels.FieldErrors("channels"));

        // Tiers rank a handful of channels: a tier of a billion is a mistake, refused for the policy and for a channel.
        var tiers = await (await admin.PutAsJsonAsync($"/v1/inventory/channel-policy/positions/{position}",
            new { protectedTier = 1_000_000_001, channels = new Dictionary<string, object> { ["web"] = new { tier = int.MaxValue } } }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation-failed");
        Assert.NotEmpty(tiers.FieldErrors("protectedTier"));
        Assert.NotEmpty(tiers.FieldErrors("channels.web.tier"));
        Assert.Equal(before, await (await admin.GetAsync($"/v1/inventory/channel-policy/positions/{position}")).Content.ReadAsStringAsync());
    }
}
