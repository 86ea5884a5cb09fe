using System.Net;
using System.Net.Http.Json;
using System.Text;
using Parity.Gateway.Tests.Testing;
using Parity.GrainInterfaces.Inventory;

namespace Parity.Gateway.Tests.Idempotency;

[Collection(GatewayCollection.Name)]
public sealed class IdempotencyKeyTests(GatewayFixture fixture)
{
    private readonly GatewayHost _host = fixture.Host;

    private static HttpRequestMessage Post(string path, string json, string idempotencyKey) => new(HttpMethod.Post, path)
    {
        Content = new StringContent(json, Encoding.UTF8, "application/json"),
        Headers = { { "Idempotency-Key", idempotencyKey } },
    };

    [Fact]
    public async Task Replay_ReturnsTheOriginalStatusAndBody_AndMovesNothing()
    {
        var position = await _host.NewPositionAsync(0);
        var key = Guid.NewGuid().ToString();
        var client = _host.Client(GatewayHost.WarehouseKey);
        var path = $"/v1/inventory/positions/{position}/receipts";

        var first = await client.SendAsync(Post(path, "{\"eventId\":\"idem-1\",\"quantity\":4}", key));
        var events = await _host.JournalLengthAsync(position);
        var replay = await client.SendAsync(Post(path, "{\"eventId\":\"idem-1\",\"quantity\":4}", key));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(first.StatusCode, replay.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Equal(first.Content.Headers.ContentType, replay.Content.Headers.ContentType);
        Assert.Equal("true", Assert.Single(replay.Headers.GetValues("Idempotent-Replayed")));
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(events, await _host.JournalLengthAsync(position));
    }

    [Fact]
    public async Task Replay_OfABusinessRefusal_ReturnsTheSameRefusal_EvenAfterStockArrived()
    {
        var position = await _host.NewPositionAsync(1);
        var key = Guid.NewGuid().ToString();
        var client = _host.Client(GatewayHost.WarehouseKey);
        var path = $"/v1/inventory/positions/{position}/damages";
        var first = await client.SendAsync(Post(path, "{\"eventId\":\"dmg-idem\",\"quantity\":3}", key));
        await first.AssertProblemAsync(HttpStatusCode.Conflict, "insufficient-stock");
        await (await client.PostAsJsonAsync($"/v1/inventory/positions/{position}/receipts", new { eventId = "more", quantity = 10 })).AssertOkAsync();

        var replay = await client.SendAsync(Post(path, "{\"eventId\":\"dmg-idem\",\"quantity\":3}", key));

        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Equal(0, (await (await client.GetAsync($"/v1/inventory/positions/{position}")).AssertOkAsync()).GetProperty("damaged").GetInt32());
    }

    [Fact]
    public async Task SameKey_WithAnotherBody_IsRefused_AndChangesNothing()
    {
        var position = await _host.NewPositionAsync(0);
        var key = Guid.NewGuid().ToString();
        var client = _host.Client(GatewayHost.WarehouseKey);
        var path = $"/v1/inventory/positions/{position}/receipts";
        await (await client.SendAsync(Post(path, "{\"eventId\":\"idem-a\",\"quantity\":4}", key))).AssertOkAsync();
        var events = await _host.JournalLengthAsync(position);

        var other = await client.SendAsync(Post(path, "{\"eventId\":\"idem-b\",\"quantity\":9}", key));

        await other.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");
        Assert.Equal(events, await _host.JournalLengthAsync(position));
    }

    [Fact]
    public async Task SameKey_FromAnotherChannel_IsIndependent()
    {
        var a = await _host.NewPositionAsync(5);
        var key = Guid.NewGuid().ToString();
        var body = $"{{\"requestId\":\"shared-key\",\"orderRef\":\"o\",\"kind\":\"Order\",\"lines\":[{{\"sku\":\"{a.Sku}\",\"locationId\":\"{a.LocationId}\",\"quantity\":1}}]}}";

        var web = await (await _host.Client(GatewayHost.WebKey).SendAsync(Post("/v1/inventory/reservations", body, key))).AssertOkAsync();
        var store = await (await _host.Client(GatewayHost.StoreKey).SendAsync(Post("/v1/inventory/reservations", body, key))).AssertOkAsync();

        Assert.Equal("web", web.GetProperty("channelId").GetString());
        Assert.Equal("store", store.GetProperty("channelId").GetString());
    }

    [Fact]
    public async Task RefusedByValidation_LeavesTheKeyFree()
    {
        var position = await _host.NewPositionAsync(0);
        var key = Guid.NewGuid().ToString();
        var client = _host.Client(GatewayHost.WarehouseKey);
        var path = $"/v1/inventory/positions/{position}/receipts";
        await (await client.SendAsync(Post(path, "{\"eventId\":\"fix-me\",\"quantity\":0}", key))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation-failed");

        await (await client.SendAsync(Post(path, "{\"eventId\":\"fix-me\",\"quantity\":2}", key))).AssertOkAsync();

        Assert.Equal(2, (await (await client.GetAsync($"/v1/inventory/positions/{position}")).AssertOkAsync()).GetProperty("onHand").GetInt32());
    }

    [Fact]
    public async Task Duplicate_WhileTheFirstIsInFlight_IsConflict()
    {
        var position = await _host.NewPositionAsync(0);
        var key = Guid.NewGuid().ToString();
        var client = _host.Client(GatewayHost.WarehouseKey);
        var path = $"/v1/inventory/positions/{position}/receipts";
        var gate = _host.Journal.Hold(id => id == GatewayHost.PositionGrain(position));
        try
        {
            var first = client.SendAsync(Post(path, "{\"eventId\":\"slow\",\"quantity\":3}", key));
            await gate.Reached;

            var duplicate = await client.SendAsync(Post(path, "{\"eventId\":\"slow\",\"quantity\":3}", key));

            await duplicate.AssertProblemAsync(HttpStatusCode.Conflict, "idempotency-request-in-flight");
            Assert.True(duplicate.Headers.RetryAfter is not null);
            gate.Open();
            await (await first).AssertOkAsync();
        }
        finally
        {
            gate.Open();
        }

        var replay = await client.SendAsync(Post(path, "{\"eventId\":\"slow\",\"quantity\":3}", key));
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(3, (await (await client.GetAsync($"/v1/inventory/positions/{position}")).AssertOkAsync()).GetProperty("onHand").GetInt32());
    }

    [Fact]
    public async Task MalformedKey_IsRefused()
    {
        var position = await _host.NewPositionAsync(2);
        var events = await _host.JournalLengthAsync(position);
        var response = await _host.Client(GatewayHost.WarehouseKey).SendAsync(Post($"/v1/inventory/positions/{position}/receipts", "{\"eventId\":\"k\",\"quantity\":1}", new string('k', 300)));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
        Assert.Equal(events, await _host.JournalLengthAsync(position));
    }
}
