using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parity.Gateway.Tests.Testing;
using static Parity.Gateway.Tests.Orders.OrdersGateway;

namespace Parity.Gateway.Tests.Orders;

/// <summary>
/// Exchanges through the API (issue 16, fix 4): the replacement is sourced and reserved like any web order and paid with
/// the exchange credit of the returned units; a retry creates nothing twice. The original is 2 × 19.99 with 4.00 VAT,
/// so one returned unit owes 19.99 + 2.00 = 21.99.
/// </summary>
[Collection(OrdersGatewayCollection.Name)]
public sealed class OrderExchangeTests(OrdersGatewayFixture fixture)
{
    private readonly GatewayHost _host = fixture.Host;

    private HttpClient Web => _host.Client(GatewayHost.WebKey);

    [Fact]
    public async Task Exchange_AllocatesTheReplacement_AndPaysItWithTheExchangeCredit_ARetryCreatingNothing()
    {
        var other = NewSku();
        await _host.ReceiveAsync(other, "STORE-1", 3);
        var number = await ShippedOrderAsync();

        var outcome = await ExchangeAsync(number, other, unitPrice: 19.99m, tax: 2.00m);

        Assert.Equal($"web:{number}X", outcome.GetProperty("detail").GetString());
        var replacement = await ReplacementAsync(number);
        Assert.Equal("Allocated", replacement.GetProperty("status").GetString());
        var line = replacement.GetProperty("lines")[0];
        Assert.Equal((1, 0), (line.GetProperty("allocated").GetInt32(), line.GetProperty("backordered").GetInt32()));
        var allocation = Assert.Single(line.GetProperty("allocations").EnumerateArray());
        Assert.Equal(("STORE-1", "Active"), (allocation.GetProperty("locationId").GetString(), allocation.GetProperty("state").GetString()));
        Assert.Equal(1, (await _host.PositionAsync(other, "STORE-1")).GetProperty("reserved").GetInt32());
        Assert.Equal((21.99m, 21.99m, 21.99m),
            (replacement.GetProperty("authorized").GetDecimal(), replacement.GetProperty("captured").GetDecimal(), replacement.GetProperty("exchangeCredit").GetDecimal()));
        var credit = await CreditPaymentAsync(number);
        Assert.Equal(("exchange-credit", $"web:{number}/exchange", 21.99m),
            (credit.GetProperty("tender").GetString(), credit.GetProperty("reference").GetString(), credit.GetProperty("amount").GetDecimal()));
        var original = await (await Web.GetAsync($"/v1/orders/web:{number}")).AssertOkAsync();
        Assert.Equal(21.99m, original.GetProperty("exchangeCreditGiven").GetDecimal());

        // The same Exchanged again: the recorded outcome, and no second placement, reservation or payment.
        var version = replacement.GetProperty("version").GetInt64();
        var again = await ExchangeAsync(number, other, unitPrice: 19.99m, tax: 2.00m);
        Assert.Equal(outcome.GetProperty("detail").GetString(), again.GetProperty("detail").GetString());
        var after = await ReplacementAsync(number);
        Assert.Equal(version, after.GetProperty("version").GetInt64());
        Assert.Single(after.GetProperty("lines")[0].GetProperty("allocations").EnumerateArray());
        Assert.Equal(1, (await _host.PositionAsync(other, "STORE-1")).GetProperty("reserved").GetInt32());
        Assert.Equal(21.99m, after.GetProperty("captured").GetDecimal());
        Assert.Equal(21.99m, (await (await Web.GetAsync($"/v1/orders/web:{number}")).AssertOkAsync()).GetProperty("exchangeCreditGiven").GetDecimal());
    }

    [Fact]
    public async Task Exchange_ForASkuWithoutStock_BackordersTheReplacement_WithTheCreditApplied()
    {
        var other = NewSku();
        var number = await ShippedOrderAsync();

        await ExchangeAsync(number, other, unitPrice: 19.99m, tax: 2.00m);

        var replacement = await ReplacementAsync(number);
        Assert.Equal("Backordered", replacement.GetProperty("status").GetString());
        Assert.Equal(1, replacement.GetProperty("lines")[0].GetProperty("backordered").GetInt32());
        Assert.Equal((21.99m, 21.99m), (replacement.GetProperty("captured").GetDecimal(), replacement.GetProperty("exchangeCredit").GetDecimal()));
    }

    [Fact]
    public async Task Exchange_ForADearerReplacement_AuthorizesTheDifferenceOnTheExchangesTender()
    {
        var other = NewSku();
        await _host.ReceiveAsync(other, "STORE-1", 1);
        var number = await ShippedOrderAsync();

        // 29.99 + 6.00 = 35.99: 21.99 of credit and 14.00 paid by card.
        await ExchangeAsync(number, other, unitPrice: 29.99m, tax: 6.00m, amount: 14.00m);

        var replacement = await ReplacementAsync(number);
        Assert.Equal("Allocated", replacement.GetProperty("status").GetString());
        Assert.Equal((35.99m, 21.99m, 21.99m),
            (replacement.GetProperty("authorized").GetDecimal(), replacement.GetProperty("captured").GetDecimal(), replacement.GetProperty("exchangeCredit").GetDecimal()));
    }

    [Fact]
    public async Task Exchange_WithAnAmountOtherThanTheDifference_IsRefused_AndChangesNothing()
    {
        var other = NewSku();
        await _host.ReceiveAsync(other, "STORE-1", 1);
        var number = await ShippedOrderAsync();
        var length = await _host.JournalLengthAsync(OrderGrain($"web:{number}"));

        var response = await Web.PostAsJsonAsync($"/v1/orders/web:{number}/events", Exchange(number, other, 29.99m, 6.00m, amount: 5.00m));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "order-event-refused");
        Assert.Contains("'amount'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(length, await _host.JournalLengthAsync(OrderGrain($"web:{number}")));
        Assert.Equal(0, await _host.JournalLengthAsync(OrderGrain($"web:{number}X")));
    }

    // Two units from DC-1, authorized by card and shipped.
    private async Task<string> ShippedOrderAsync()
    {
        var sku = NewSku();
        await _host.ReceiveAsync(sku, "DC-1", 2);
        var number = NewOrderNumber();
        await (await Web.PostAsJsonAsync("/v1/orders", Order(number, sku))).AssertOkAsync(HttpStatusCode.Created);
        await (await Web.PostAsJsonAsync($"/v1/orders/web:{number}/events", new { eventId = "auth", type = "PaymentAuthorized", tender = "card", reference = "pi_123" })).AssertOkAsync();
        await (await Web.PostAsJsonAsync($"/v1/orders/web:{number}/events", new { eventId = "ship", type = "Shipped" })).AssertOkAsync();
        return number;
    }

    private static object Exchange(string number, string sku, decimal unitPrice, decimal tax, decimal? amount = null) => new
    {
        eventId = "exchange", type = "Exchanged", locationId = "STORE-1", amount, tender = amount is null ? null : "card",
        lines = new[] { new { lineId = "1", quantity = 1, disposition = "Restock" } },
        replacement = new
        {
            channelOrderId = number + "X", currency = "EUR",
            lines = new[] { new { lineId = "1", sku, quantity = 1, unitPrice, tax, taxCode = "VAT20" } },
        },
    };

    private async Task<JsonElement> ExchangeAsync(string number, string sku, decimal unitPrice, decimal tax, decimal? amount = null) =>
        await (await Web.PostAsJsonAsync($"/v1/orders/web:{number}/events", Exchange(number, sku, unitPrice, tax, amount))).AssertOkAsync();

    private async Task<JsonElement> ReplacementAsync(string number) =>
        await (await Web.GetAsync($"/v1/orders/web:{number}X")).AssertOkAsync();

    // The replacement's journaled capture of the credit.
    private async Task<JsonElement> CreditPaymentAsync(string number)
    {
        var history = await (await Web.GetAsync($"/v1/orders/web:{number}X/history")).AssertOkAsync();
        return Assert.Single(history.EnumerateArray(), e => e.GetProperty("type").GetString() == "PaymentCaptured").GetProperty("event");
    }
}
