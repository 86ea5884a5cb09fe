using System.Net;
using System.Net.Http.Json;
using System.Text;
using Parity.Gateway.Tests.Testing;
using static Parity.Gateway.Tests.Orders.OrdersGateway;

namespace Parity.Gateway.Tests.Orders;

/// <summary>Issue 17, fixes 3 and 12: money is bounded at every order entry point (range, the currency's decimals, ISO
/// 4217 codes, discount within price), an order is validated whole before its first event, metadata is bounded, and
/// every order id the gateway creates can be read.</summary>
[Collection(OrdersGatewayCollection.Name)]
public sealed class OrderBoundsTests(OrdersGatewayFixture fixture)
{
    private readonly GatewayHost _host = fixture.Host;

    private static object OrderWith(string channelOrderId, string sku, string currency = "EUR", decimal unitPrice = 19.99m, decimal discount = 0m,
        object[]? payments = null, Dictionary<string, string>? metadata = null) => new
    {
        channelOrderId,
        currency,
        lines = new[] { new { lineId = "1", sku, quantity = 2, unitPrice, discount, tax = 0m } },
        payments = payments ?? [],
        metadata,
    };

    private async Task<System.Text.Json.JsonElement> RefusedAsync(object order, string channelOrderId)
    {
        var problem = await (await _host.Client(GatewayHost.WebKey).PostAsJsonAsync("/v1/orders", order))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation-failed");
        Assert.Equal(0, await _host.JournalLengthAsync(OrderGrain($"web:{channelOrderId}")));
        return problem;
    }

    [Fact]
    public async Task TwoHugeCapturedPayments_RefuseTheOrderWhole()
    {
        var number = NewOrderNumber();
        var huge = new { method = "card", reference = "pi_huge", amount = 50_000_000_000_000_000_000_000_000_000m, status = "captured" };

        var problem = await RefusedAsync(OrderWith(number, NewSku(), payments: [huge, huge]), number);

        Assert.NotEmpty(problem.FieldErrors("payments[0].amount"));
        Assert.NotEmpty(problem.FieldErrors("payments[1].amount"));
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Client(GatewayHost.WebKey).GetAsync($"/v1/orders/web:{number}")).StatusCode);
    }

    [Fact]
    public async Task PaymentsThatTogetherPassTheBound_RefuseTheOrderWhole()
    {
        var number = NewOrderNumber();
        var big = new { method = "card", reference = "pi_big", amount = 900_000_000m, status = "captured" };

        var problem = await RefusedAsync(OrderWith(number, NewSku(), payments: [big, big]), number);

        Assert.NotEmpty(problem.FieldErrors("payments"));
    }

    [Theory]
    [InlineData("euros")]
    [InlineData("EUO")]
    [InlineData("eur")]
    public async Task CurrencyOutsideIso4217_IsRefused(string currency)
    {
        var number = NewOrderNumber();
        var problem = await RefusedAsync(OrderWith(number, NewSku(), currency), number);
        Assert.NotEmpty(problem.FieldErrors("currency"));
    }

    [Fact]
    public async Task MoreDecimalsThanTheCurrencyHas_IsRefused()
    {
        var number = NewOrderNumber();
        var problem = await RefusedAsync(OrderWith(number, NewSku(), "JPY", unitPrice: 1000m, discount: 0.5m), number);
        Assert.Contains("JPY", Assert.Single(problem.FieldErrors("lines[0].discount")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DiscountAbovePriceTimesQuantity_IsRefused()
    {
        var number = NewOrderNumber();
        var problem = await RefusedAsync(OrderWith(number, NewSku(), unitPrice: 10m, discount: 20.01m), number);
        Assert.NotEmpty(problem.FieldErrors("lines[0].discount"));
    }

    [Fact]
    public async Task MetadataOver16KB_IsRefused()
    {
        var number = NewOrderNumber();
        var metadata = Enumerable.Range(0, 20).ToDictionary(i => $"k{i}", _ => new string('x', 1000));
        var problem = await RefusedAsync(OrderWith(number, NewSku(), metadata: metadata), number);
        Assert.NotEmpty(problem.FieldErrors("metadata"));
    }

    [Fact]
    public async Task OrderWithA64CharacterChannelOrderId_CanBeReadAndSentEvents()
    {
        var number = (NewOrderNumber() + new string('9', 64))[..64];
        var sku = NewSku();
        await _host.ReceiveAsync(sku, "STORE-1", 5);
        await (await _host.Client(GatewayHost.WebKey).PostAsJsonAsync("/v1/orders", OrderWith(number, sku))).AssertOkAsync(HttpStatusCode.Created);

        var view = await (await _host.Client(GatewayHost.WebKey).GetAsync($"/v1/orders/web:{number}")).AssertOkAsync();
        await (await _host.Client(GatewayHost.WebKey).PostAsJsonAsync($"/v1/orders/web:{number}/events", new { eventId = "cancel-1", type = "Cancelled" })).AssertOkAsync();

        Assert.Equal($"web:{number}", view.GetProperty("orderId").GetString());
    }

    [Fact]
    public async Task ShopifyOrderInEuros_IsRefusedNamingTheCurrency()
    {
        var number = Random.Shared.NextInt64(1_000_000_000_000, 9_999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var body = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Orders", "Shopify", "orders-create.json"))
            .Replace("5813390213311", number).Replace("{sku1}", NewSku()).Replace("{sku2}", NewSku()).Replace("\"EUR\"", "\"euros\"");
        Assert.Contains("\"euros\"", body, StringComparison.Ordinal);
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/channels/shopify/webhooks/orders/create") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Shopify-Topic", "orders/create");
        request.Headers.Add("X-Shopify-Webhook-Id", Guid.NewGuid().ToString());

        var response = await _host.Client(GatewayHost.WebKey).SendAsync(request);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("currency", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await _host.JournalLengthAsync(OrderGrain($"web:{number}")));
    }
}
