using System.Net;
using System.Net.Http.Json;
using System.Text;
using Parity.Gateway.Tests.Testing;
using static Parity.Gateway.Tests.Orders.OrdersGateway;

namespace Parity.Gateway.Tests.Orders;

/// <summary>Every kind of bad order input gets the right 4xx with a problem body, and neither the order's journal nor
/// the stock changes.</summary>
[Collection(OrdersGatewayCollection.Name)]
public sealed class OrderBadInputMatrixTests(OrdersGatewayFixture fixture)
{
    private readonly GatewayHost _host = fixture.Host;

    public sealed record Case(string Name, string? ApiKey, string Path, string? Body, HttpStatusCode Status, string Slug, string? Field = null)
    {
        public override string ToString() => Name;
    }

    private const string Place = "/v1/orders";
    private const string Events = "/v1/orders/web:{order}/events";
    private const string NewOrder = "\"channelOrderId\":\"{new}\",\"currency\":\"EUR\"";
    private const string GoodLine = "{\"lineId\":\"1\",\"sku\":\"{sku}\",\"quantity\":1,\"unitPrice\":5}";

    public static TheoryData<Case> Cases => new()
    {
        new("place: malformed JSON", GatewayHost.WebKey, Place, "{" + NewOrder + ",\"lines\":[", HttpStatusCode.BadRequest, "invalid-json"),
        new("place: quantity as text", GatewayHost.WebKey, Place, "{" + NewOrder + ",\"lines\":[{\"lineId\":\"1\",\"sku\":\"{sku}\",\"quantity\":\"two\",\"unitPrice\":5}]}", HttpStatusCode.BadRequest, "invalid-json", "lines[0].quantity"),
        new("place: price as text", GatewayHost.WebKey, Place, "{" + NewOrder + ",\"lines\":[{\"lineId\":\"1\",\"sku\":\"{sku}\",\"quantity\":1,\"unitPrice\":\"cheap\"}]}", HttpStatusCode.BadRequest, "invalid-json", "lines[0].unitPrice"),
        new("place: lines not an array", GatewayHost.WebKey, Place, "{" + NewOrder + ",\"lines\":" + GoodLine + "}", HttpStatusCode.BadRequest, "invalid-json", "lines"),
        new("place: zero quantity", GatewayHost.WebKey, Place, "{" + NewOrder + ",\"lines\":[{\"lineId\":\"1\",\"sku\":\"{sku}\",\"quantity\":0,\"unitPrice\":5}]}", HttpStatusCode.UnprocessableEntity, "validation-failed", "lines[0].quantity"),
        new("place: negative quantity", GatewayHost.WebKey, Place, "{" + NewOrder + ",\"lines\":[{\"lineId\":\"1\",\"sku\":\"{sku}\",\"quantity\":-1,\"unitPrice\":5}]}", HttpStatusCode.UnprocessableEntity, "validation-failed", "lines[0].quantity"),
        new("place: negative price", GatewayHost.WebKey, Place, "{" + NewOrder + ",\"lines\":[{\"lineId\":\"1\",\"sku\":\"{sku}\",\"quantity\":1,\"unitPrice\":-5}]}", HttpStatusCode.UnprocessableEntity, "validation-failed", "lines[0].unitPrice"),
        new("place: no lines", GatewayHost.WebKey, Place, "{" + NewOrder + ",\"lines\":[]}", HttpStatusCode.UnprocessableEntity, "validation-failed", "lines"),
        new("place: duplicate line ids", GatewayHost.WebKey, Place, "{" + NewOrder + ",\"lines\":[" + GoodLine + "," + GoodLine + "]}", HttpStatusCode.UnprocessableEntity, "validation-failed", "lines[1].lineId"),
        new("place: bad currency", GatewayHost.WebKey, Place, "{\"channelOrderId\":\"{new}\",\"currency\":\"euro\",\"lines\":[" + GoodLine + "]}", HttpStatusCode.UnprocessableEntity, "validation-failed", "currency"),
        new("place: unknown payment status", GatewayHost.WebKey, Place, "{" + NewOrder + ",\"lines\":[" + GoodLine + "],\"payments\":[{\"method\":\"card\",\"amount\":5,\"status\":\"maybe\"}]}", HttpStatusCode.UnprocessableEntity, "validation-failed", "payments[0].status"),
        new("place: missing channel order id", GatewayHost.WebKey, Place, "{\"currency\":\"EUR\",\"lines\":[" + GoodLine + "]}", HttpStatusCode.UnprocessableEntity, "validation-failed", "channelOrderId"),
        new("place: unknown SKU", GatewayHost.WebKey, Place, "{" + NewOrder + ",\"lines\":[{\"lineId\":\"1\",\"sku\":\"UNKNOWN-1\",\"quantity\":1,\"unitPrice\":5}]}", HttpStatusCode.UnprocessableEntity, "unknown-reference", "lines[0].sku"),
        new("place: for another channel", GatewayHost.WebKey, Place, "{\"channel\":\"store\"," + NewOrder + ",\"lines\":[" + GoodLine + "]}", HttpStatusCode.Forbidden, "other-channel"),
        new("place: missing API key", null, Place, "{" + NewOrder + ",\"lines\":[" + GoodLine + "]}", HttpStatusCode.Unauthorized, "api-key-missing"),
        new("place: wrong API key", "not-a-key-of-ours", Place, "{" + NewOrder + ",\"lines\":[" + GoodLine + "]}", HttpStatusCode.Unauthorized, "api-key-invalid"),
        new("place: key without the scope", GatewayHost.ReadOnlyKey, Place, "{" + NewOrder + ",\"lines\":[" + GoodLine + "]}", HttpStatusCode.Forbidden, "scope-missing"),
        new("event: malformed JSON", GatewayHost.WebKey, Events, "{\"eventId\":\"e1\",", HttpStatusCode.BadRequest, "invalid-json"),
        new("event: unknown type", GatewayHost.WebKey, Events, "{\"eventId\":\"e1\",\"type\":\"Teleported\"}", HttpStatusCode.BadRequest, "invalid-json", "type"),
        new("event: missing type", GatewayHost.WebKey, Events, "{\"eventId\":\"e1\"}", HttpStatusCode.UnprocessableEntity, "validation-failed", "type"),
        new("event: missing event id", GatewayHost.WebKey, Events, "{\"type\":\"PaymentAuthorized\"}", HttpStatusCode.UnprocessableEntity, "validation-failed", "eventId"),
        new("event: zero quantity", GatewayHost.WebKey, Events, "{\"eventId\":\"e1\",\"type\":\"Cancelled\",\"lines\":[{\"lineId\":\"1\",\"quantity\":0}]}", HttpStatusCode.UnprocessableEntity, "validation-failed", "lines[0].quantity"),
        new("event: negative quantity", GatewayHost.WebKey, Events, "{\"eventId\":\"e1\",\"type\":\"Cancelled\",\"lines\":[{\"lineId\":\"1\",\"quantity\":-4}]}", HttpStatusCode.UnprocessableEntity, "validation-failed", "lines[0].quantity"),
        new("event: quantity as text", GatewayHost.WebKey, Events, "{\"eventId\":\"e1\",\"type\":\"Cancelled\",\"lines\":[{\"lineId\":\"1\",\"quantity\":\"1\"}]}", HttpStatusCode.BadRequest, "invalid-json", "lines[0].quantity"),
        new("event: return without disposition", GatewayHost.WebKey, Events, "{\"eventId\":\"e1\",\"type\":\"ReturnReceived\",\"lines\":[{\"lineId\":\"1\",\"quantity\":1}]}", HttpStatusCode.UnprocessableEntity, "validation-failed", "lines[0].disposition"),
        new("event: negative refund", GatewayHost.WebKey, Events, "{\"eventId\":\"e1\",\"type\":\"Refunded\",\"amount\":-3}", HttpStatusCode.UnprocessableEntity, "validation-failed", "amount"),
        new("event: unknown location", GatewayHost.WebKey, Events, "{\"eventId\":\"e1\",\"type\":\"Shipped\",\"locationId\":\"NOWHERE-9\"}", HttpStatusCode.UnprocessableEntity, "unknown-reference", "locationId"),
        new("event: exchange without replacement", GatewayHost.WebKey, Events, "{\"eventId\":\"e1\",\"type\":\"Exchanged\"}", HttpStatusCode.UnprocessableEntity, "validation-failed", "replacement"),
        new("event: exchange for another channel's order", GatewayHost.WebKey, Events, "{\"eventId\":\"e1\",\"type\":\"Exchanged\",\"lines\":[{\"lineId\":\"1\",\"quantity\":1,\"disposition\":\"Restock\"}],\"replacement\":{\"channel\":\"marketplace\"," + NewOrder + ",\"lines\":[" + GoodLine + "]}}", HttpStatusCode.UnprocessableEntity, "validation-failed", "replacement.channel"),
        new("event: malformed order id", GatewayHost.WebKey, "/v1/orders/no-channel-here/events", "{\"eventId\":\"e1\",\"type\":\"Cancelled\"}", HttpStatusCode.UnprocessableEntity, "validation-failed", "orderId"),
        new("event: another channel's order", GatewayHost.StoreKey, Events, "{\"eventId\":\"e1\",\"type\":\"Cancelled\"}", HttpStatusCode.Forbidden, "other-channel"),
        new("event: missing API key", null, Events, "{\"eventId\":\"e1\",\"type\":\"Cancelled\"}", HttpStatusCode.Unauthorized, "api-key-missing"),
        new("event: wrong API key", "not-a-key-of-ours", Events, "{\"eventId\":\"e1\",\"type\":\"Cancelled\"}", HttpStatusCode.Unauthorized, "api-key-invalid"),
        new("event: unknown line", GatewayHost.WebKey, Events, "{\"eventId\":\"e1\",\"type\":\"Cancelled\",\"lines\":[{\"lineId\":\"9\",\"quantity\":1}]}", HttpStatusCode.UnprocessableEntity, "order-event-refused"),
        new("event: more than ordered", GatewayHost.WebKey, Events, "{\"eventId\":\"e1\",\"type\":\"Cancelled\",\"lines\":[{\"lineId\":\"1\",\"quantity\":5}]}", HttpStatusCode.UnprocessableEntity, "order-event-refused"),
        new("event: capture beyond authorized", GatewayHost.WebKey, Events, "{\"eventId\":\"e1\",\"type\":\"PaymentCaptured\",\"amount\":1000}", HttpStatusCode.UnprocessableEntity, "order-event-refused"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadInput_IsRefusedWithAProblem_AndChangesNothing(Case c)
    {
        var (number, sku) = await AuthorizedOrderAsync();
        var orderLength = await _host.JournalLengthAsync(OrderGrain($"web:{number}"));
        var newNumber = NewOrderNumber();
        var stock = await _host.PositionAsync(sku, "STORE-1");
        using var request = new HttpRequestMessage(HttpMethod.Post, c.Path.Replace("{order}", number));
        if (c.Body is not null)
        {
            request.Content = new StringContent(c.Body.Replace("{sku}", sku).Replace("{new}", newNumber), Encoding.UTF8, "application/json");
        }

        var response = await _host.Client(c.ApiKey).SendAsync(request);

        var problem = await response.AssertProblemAsync(c.Status, c.Slug);
        if (c.Field is not null)
        {
            Assert.True(
                problem.TryGetProperty("errors", out var errors) ? errors.TryGetProperty(c.Field, out _) : problem.GetProperty("field").GetString() == c.Field,
                $"The problem should name '{c.Field}': {problem}");
        }

        Assert.Equal(orderLength, await _host.JournalLengthAsync(OrderGrain($"web:{number}")));
        Assert.Equal(0, await _host.JournalLengthAsync(OrderGrain($"web:{newNumber}")));
        Assert.Equal(0, await _host.JournalLengthAsync(OrderGrain($"store:{newNumber}")));
        var after = await _host.PositionAsync(sku, "STORE-1");
        Assert.Equal((stock.GetProperty("onHand").GetInt32(), stock.GetProperty("reserved").GetInt32()),
            (after.GetProperty("onHand").GetInt32(), after.GetProperty("reserved").GetInt32()));
    }

    [Fact]
    public async Task OversizedOrder_IsRefusedWith413_AndChangesNothing()
    {
        var number = NewOrderNumber();
        var huge = new string('x', 1024 * 1024 + 10);

        var response = await _host.Client(GatewayHost.WebKey).PostAsync("/v1/orders", new StringContent(
            $"{{\"channelOrderId\":\"{number}\",\"currency\":\"EUR\",\"customerRef\":\"{huge}\",\"lines\":[]}}", Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "request-too-large");
        Assert.Equal(0, await _host.JournalLengthAsync(OrderGrain($"web:{number}")));
    }

    private async Task<(string Number, string Sku)> AuthorizedOrderAsync()
    {
        var sku = NewSku();
        await _host.ReceiveAsync(sku, "STORE-1", 3);
        var number = NewOrderNumber();
        var web = _host.Client(GatewayHost.WebKey);
        await (await web.PostAsJsonAsync("/v1/orders", Order(number, sku))).AssertOkAsync(HttpStatusCode.Created);
        await (await web.PostAsJsonAsync($"/v1/orders/web:{number}/events", new { eventId = "auth", type = "PaymentAuthorized", amount = 10m })).AssertOkAsync();
        return (number, sku);
    }
}
