using System.Net;
using System.Net.Http.Json;
using Parity.Gateway.Tests.Testing;
using static Parity.Gateway.Tests.Orders.OrdersGateway;

namespace Parity.Gateway.Tests.Orders;

/// <summary>Issue 17, fix 5 for orders: an event id sent again with the same content gets the original answer; with
/// different content it is 409 <c>event-id-conflict</c> naming the id and both contents, and nothing is journaled.</summary>
[Collection(OrdersGatewayCollection.Name)]
public sealed class OrderEventIdConflictTests(OrdersGatewayFixture fixture)
{
    private readonly GatewayHost _host = fixture.Host;

    private HttpClient Web => _host.Client(GatewayHost.WebKey);

    [Fact]
    public async Task APlacementResentWithOtherLines_Is409NamingTheConflict_TheSameBodyGetsTheOriginalAnswer()
    {
        var sku = NewSku();
        var number = NewOrderNumber();
        var first = await (await Web.PostAsJsonAsync("/v1/orders", Order(number, sku))).AssertOkAsync(HttpStatusCode.Created);
        var length = await _host.JournalLengthAsync(OrderGrain($"web:{number}"));

        var same = await (await Web.PostAsJsonAsync("/v1/orders", Order(number, sku))).AssertOkAsync(HttpStatusCode.Created);
        var other = await Web.PostAsJsonAsync("/v1/orders", Order(number, sku, quantity: 3));

        Assert.Equal(first.ToString(), same.ToString());
        var problem = await other.AssertProblemAsync(HttpStatusCode.Conflict, "event-id-conflict");
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains($"'placed-{number}'", detail, StringComparison.Ordinal);
        Assert.Contains($"2 × {sku}", detail, StringComparison.Ordinal);
        Assert.Contains($"3 × {sku}", detail, StringComparison.Ordinal);
        Assert.Equal(length, await _host.JournalLengthAsync(OrderGrain($"web:{number}")));
    }

    [Fact]
    public async Task AnEventResentWithAnotherAmount_Is409NamingTheConflict_TheSameContentGetsTheOriginalAnswer()
    {
        var sku = NewSku();
        await _host.ReceiveAsync(sku, "DC-1", 5);
        var number = NewOrderNumber();
        await (await Web.PostAsJsonAsync("/v1/orders", Order(number, sku))).AssertOkAsync(HttpStatusCode.Created);
        var first = await (await Web.PostAsJsonAsync($"/v1/orders/web:{number}/events",
            new { eventId = "auth-x", type = "PaymentAuthorized", amount = 48.93m, tender = "card" })).AssertOkAsync();
        var length = await _host.JournalLengthAsync(OrderGrain($"web:{number}"));

        // occurredAt is stamped by the gateway when absent, so it differs between the tries and must not matter.
        var same = await (await Web.PostAsJsonAsync($"/v1/orders/web:{number}/events",
            new { eventId = "auth-x", type = "PaymentAuthorized", amount = 48.93m, tender = "card" })).AssertOkAsync();
        var more = await Web.PostAsJsonAsync($"/v1/orders/web:{number}/events",
            new { eventId = "auth-x", type = "PaymentAuthorized", amount = 99.00m, tender = "card" });
        var otherType = await Web.PostAsJsonAsync($"/v1/orders/web:{number}/events",
            new { eventId = "auth-x", type = "Cancelled", reason = "customer" });

        Assert.Equal(first.ToString(), same.ToString());
        var detail = (await more.AssertProblemAsync(HttpStatusCode.Conflict, "event-id-conflict")).GetProperty("detail").GetString()!;
        Assert.Contains("'auth-x'", detail, StringComparison.Ordinal);
        Assert.Contains("48.93", detail, StringComparison.Ordinal);
        Assert.Contains("99.00", detail, StringComparison.Ordinal);
        Assert.Contains("Cancelled", (await otherType.AssertProblemAsync(HttpStatusCode.Conflict, "event-id-conflict")).GetProperty("detail").GetString(),
            StringComparison.Ordinal);
        Assert.Equal(length, await _host.JournalLengthAsync(OrderGrain($"web:{number}")));
        Assert.Equal(2, (await _host.PositionAsync(sku, "DC-1")).GetProperty("reserved").GetInt32());
    }
}
