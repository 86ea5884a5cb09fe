using System.Net;
using System.Security.Cryptography;
using System.Text;
using Parity.Gateway.Tests.Testing;
using static Parity.Gateway.Tests.Orders.OrdersGateway;

namespace Parity.Gateway.Tests.Orders;

/// <summary>Shopify webhooks written in Shopify's REST format (files under Orders/Shopify), mapped to canonical order
/// events; signed with X-Shopify-Hmac-Sha256 when a secret is configured.</summary>
[Collection(OrdersGatewayCollection.Name)]
public sealed class ShopifyWebhookTests(OrdersGatewayFixture fixture)
{
    private readonly GatewayHost _host = fixture.Host;
    private readonly GatewayHost _signed = fixture.Signed;

    // The stored payloads with this test's own order id and SKUs.
    private sealed record Payloads(string OrderNumber, string Sku1, string Sku2)
    {
        public static Payloads New() => new(Random.Shared.NextInt64(1_000_000_000_000, 9_999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture), NewSku(), NewSku());

        public string Read(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Orders", "Shopify", file))
            .Replace("5813390213311", OrderNumber).Replace("{sku1}", Sku1).Replace("{sku2}", Sku2);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string topic, string body, string? signature = null, string shop = "parity-test.myshopify.com")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/channels/shopify/webhooks/{topic}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Shopify-Topic", topic);
        request.Headers.Add("X-Shopify-Shop-Domain", shop);
        request.Headers.Add("X-Shopify-Webhook-Id", Guid.NewGuid().ToString());
        if (signature is not null)
        {
            request.Headers.Add("X-Shopify-Hmac-Sha256", signature);
        }

        return client.SendAsync(request);
    }

    private static string Sign(string body, string secret = ShopifySecret) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    /// <summary>Issue 17, fix 5: Shopify resends a webhook with its body unchanged, which gets the original answer; the
    /// same order (so the same event id, <c>shopify:orders/create:{id}</c>) with other lines is 409 and changes nothing.</summary>
    [Fact]
    public async Task OrderCreated_ResentUnchanged_GetsTheOriginalAnswer_WithOtherLines_Is409()
    {
        var p = Payloads.New();
        var web = _host.Client(GatewayHost.WebKey);
        var body = p.Read("orders-create.json");
        var first = await (await PostAsync(web, "orders/create", body)).AssertOkAsync();
        var length = await _host.JournalLengthAsync(OrderGrain($"web:{p.OrderNumber}"));

        var again = await (await PostAsync(web, "orders/create", body)).AssertOkAsync();
        var changed = await PostAsync(web, "orders/create", body.Replace("\"quantity\": 2,", "\"quantity\": 3,", StringComparison.Ordinal));

        Assert.Equal(first.ToString(), again.ToString());
        var detail = (await changed.AssertProblemAsync(HttpStatusCode.Conflict, "event-id-conflict")).GetProperty("detail").GetString()!;
        Assert.Contains($"'shopify:orders/create:{p.OrderNumber}'", detail, StringComparison.Ordinal);
        Assert.Contains($"3 × {p.Sku1}", detail, StringComparison.Ordinal);
        Assert.Equal(length, await _host.JournalLengthAsync(OrderGrain($"web:{p.OrderNumber}")));
    }

    [Fact]
    public async Task OrderCreated_Paid_IsPlacedAuthorizedCapturedAndAllocated()
    {
        var p = Payloads.New();
        await _host.ReceiveAsync(p.Sku1, "STORE-1", 5);
        await _host.ReceiveAsync(p.Sku2, "STORE-1", 5);

        var result = await (await PostAsync(_host.Client(GatewayHost.WebKey), "orders/create", p.Read("orders-create.json"))).AssertOkAsync();

        Assert.Equal($"web:{p.OrderNumber}", result.GetProperty("orderId").GetString());
        Assert.Equal(3, result.GetProperty("outcomes").GetArrayLength());
        var view = await (await _host.Client(GatewayHost.WebKey).GetAsync($"/v1/orders/web:{p.OrderNumber}")).AssertOkAsync();
        Assert.Equal(("Allocated", "EUR", 63.75m, 63.75m), (view.GetProperty("status").GetString(), view.GetProperty("currency").GetString(),
            view.GetProperty("authorized").GetDecimal(), view.GetProperty("captured").GetDecimal()));
        var lines = view.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(["14123000000001", "14123000000002"], lines.Select(l => l.GetProperty("lineId").GetString()));
        Assert.Equal([2, 1], lines.Select(l => l.GetProperty("allocated").GetInt32()));
    }

    [Fact]
    public async Task FulfillmentAndRefund_ShipFromTheMappedLocation_AndReturnToTheStore()
    {
        var p = Payloads.New();
        await _host.ReceiveAsync(p.Sku1, "DC-1", 2);
        await _host.ReceiveAsync(p.Sku2, "DC-1", 1);
        var web = _host.Client(GatewayHost.WebKey);
        await (await PostAsync(web, "orders/create", p.Read("orders-create.json"))).AssertOkAsync();

        var shipped = await (await PostAsync(web, "fulfillments/create", p.Read("fulfillments-create.json"))).AssertOkAsync();
        var refunded = await (await PostAsync(web, "refunds/create", p.Read("refunds-create.json"))).AssertOkAsync();

        Assert.Equal("PartiallyShipped", shipped.GetProperty("outcomes")[0].GetProperty("status").GetString());
        Assert.Equal(["ReturnReceived", "Refunded"], refunded.GetProperty("outcomes").EnumerateArray()
            .Select(o => o.GetProperty("eventId").GetString()!.EndsWith(":return", StringComparison.Ordinal) ? "ReturnReceived" : "Refunded"));
        Assert.Equal(0, (await _host.PositionAsync(p.Sku1, "DC-1")).GetProperty("onHand").GetInt32());
        Assert.Equal(1, (await _host.PositionAsync(p.Sku1, "STORE-2")).GetProperty("onHand").GetInt32());
        var view = await (await web.GetAsync($"/v1/orders/web:{p.OrderNumber}")).AssertOkAsync();
        // One of two shipped units came back and 14.40 of 63.75 was refunded: partly returned, not refunded.
        Assert.Equal(("PartiallyReturned", 14.40m, true), (view.GetProperty("status").GetString(), view.GetProperty("refunded").GetDecimal(),
            view.GetProperty("partiallyRefunded").GetBoolean()));
    }

    [Fact]
    public async Task RedeliveredWebhook_ChangesNothing()
    {
        var p = Payloads.New();
        await _host.ReceiveAsync(p.Sku1, "STORE-1", 5);
        await _host.ReceiveAsync(p.Sku2, "STORE-1", 5);
        var web = _host.Client(GatewayHost.WebKey);
        await (await PostAsync(web, "orders/create", p.Read("orders-create.json"))).AssertOkAsync();
        var length = await _host.JournalLengthAsync(OrderGrain($"web:{p.OrderNumber}"));

        await (await PostAsync(web, "orders/create", p.Read("orders-create.json"))).AssertOkAsync();

        Assert.Equal(length, await _host.JournalLengthAsync(OrderGrain($"web:{p.OrderNumber}")));
        Assert.Equal(2, (await _host.PositionAsync(p.Sku1, "STORE-1")).GetProperty("reserved").GetInt32());
    }

    [Fact]
    public async Task OrderCancelled_ReleasesTheReservations()
    {
        var p = Payloads.New();
        await _host.ReceiveAsync(p.Sku1, "STORE-1", 5);
        await _host.ReceiveAsync(p.Sku2, "STORE-1", 5);
        var web = _host.Client(GatewayHost.WebKey);
        await (await PostAsync(web, "orders/create", p.Read("orders-create.json"))).AssertOkAsync();

        var cancelled = await (await PostAsync(web, "orders/cancelled", p.Read("orders-cancelled.json"))).AssertOkAsync();

        Assert.Equal("Cancelled", cancelled.GetProperty("outcomes")[0].GetProperty("status").GetString());
        Assert.Equal(0, (await _host.PositionAsync(p.Sku1, "STORE-1")).GetProperty("reserved").GetInt32());
    }

    [Fact]
    public async Task RefundCancellingTheUnfulfilledItem_OfAPartlyFulfilledOrder_ReleasesItsStock()
    {
        var p = Payloads.New();
        await _host.ReceiveAsync(p.Sku1, "DC-1", 2);
        await _host.ReceiveAsync(p.Sku2, "DC-1", 1);
        var web = _host.Client(GatewayHost.WebKey);
        await (await PostAsync(web, "orders/create", p.Read("orders-create.json"))).AssertOkAsync();
        await (await PostAsync(web, "fulfillments/create", p.Read("fulfillments-create.json"))).AssertOkAsync();

        // Shopify cannot cancel a partly fulfilled order; the merchant refunds the unfulfilled item with restock_type cancel.
        var refund = p.Read("refunds-create.json")
            .Replace("\"line_item_id\": 14123000000001", "\"line_item_id\": 14123000000002")
            .Replace("\"restock_type\": \"return\"", "\"restock_type\": \"cancel\"")
            .Replace("\"line_item\": { \"id\": 14123000000001, \"sku\": \"" + p.Sku1 + "\", \"quantity\": 2, \"price\": \"12.00\" }",
                "\"line_item\": { \"id\": 14123000000002, \"sku\": \"" + p.Sku2 + "\", \"quantity\": 1, \"price\": \"30.00\" }");
        Assert.Contains("14123000000002", refund, StringComparison.Ordinal);

        var result = await (await PostAsync(web, "refunds/create", refund)).AssertOkAsync();

        Assert.Equal([":cancel", ":refund"], result.GetProperty("outcomes").EnumerateArray().Select(o => o.GetProperty("eventId").GetString()![^7..]));
        Assert.Equal(0, (await _host.PositionAsync(p.Sku2, "DC-1")).GetProperty("reserved").GetInt32());
        var view = await (await web.GetAsync($"/v1/orders/web:{p.OrderNumber}")).AssertOkAsync();
        var lines = view.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal([(2, 0), (0, 1)], lines.Select(l => (l.GetProperty("shipped").GetInt32(), l.GetProperty("cancelled").GetInt32())));
        // Line 1's two units shipped and are kept; a partial refund does not hide that.
        Assert.Equal(("Shipped", 14.40m, true), (view.GetProperty("status").GetString(), view.GetProperty("refunded").GetDecimal(),
            view.GetProperty("partiallyRefunded").GetBoolean()));
    }

    [Fact]
    public async Task RefundOfACancelledOrder_RefundsTheMoney_WithoutCancellingTwice()
    {
        var p = Payloads.New();
        await _host.ReceiveAsync(p.Sku1, "STORE-1", 5);
        await _host.ReceiveAsync(p.Sku2, "STORE-1", 5);
        var web = _host.Client(GatewayHost.WebKey);
        await (await PostAsync(web, "orders/create", p.Read("orders-create.json"))).AssertOkAsync();
        await (await PostAsync(web, "orders/cancelled", p.Read("orders-cancelled.json"))).AssertOkAsync();
        var refund = p.Read("refunds-create.json").Replace("\"restock_type\": \"return\"", "\"restock_type\": \"cancel\"");

        var result = await (await PostAsync(web, "refunds/create", refund)).AssertOkAsync();

        var outcome = Assert.Single(result.GetProperty("outcomes").EnumerateArray());
        Assert.EndsWith(":refund", outcome.GetProperty("eventId").GetString(), StringComparison.Ordinal);
        var view = await (await web.GetAsync($"/v1/orders/web:{p.OrderNumber}")).AssertOkAsync();
        Assert.Equal(("Cancelled", 14.40m), (view.GetProperty("status").GetString(), view.GetProperty("refunded").GetDecimal()));
    }

    [Theory]
    [InlineData("cancel")]
    [InlineData("no_restock")]
    public async Task OrderCancelled_CarryingItsRefund_RefundsTheMoney_AndTheLaterRefundCreatedChangesNothing(string restockType)
    {
        var p = Payloads.New();
        await _host.ReceiveAsync(p.Sku1, "STORE-1", 5);
        await _host.ReceiveAsync(p.Sku2, "STORE-1", 5);
        var web = _host.Client(GatewayHost.WebKey);
        await (await PostAsync(web, "orders/create", p.Read("orders-create.json"))).AssertOkAsync();
        var cancelledBody = p.Read("orders-cancelled-refunded.json").Replace("\"restock_type\": \"cancel\"", $"\"restock_type\": \"{restockType}\"");
        // Shopify sends the same refund again as refunds/create: the refund object of the cancelled order.
        using var cancelledJson = System.Text.Json.JsonDocument.Parse(cancelledBody);
        var refundBody = cancelledJson.RootElement.GetProperty("refunds")[0].GetRawText();

        var cancelled = await (await PostAsync(web, "orders/cancelled", cancelledBody)).AssertOkAsync();

        Assert.Equal([$"shopify:orders/cancelled:{p.OrderNumber}", "shopify:refund:9300000000002:refund"],
            cancelled.GetProperty("outcomes").EnumerateArray().Select(o => o.GetProperty("eventId").GetString()));
        var view = await (await web.GetAsync($"/v1/orders/web:{p.OrderNumber}")).AssertOkAsync();
        Assert.Equal(("Cancelled", 63.75m, 63.75m), (view.GetProperty("status").GetString(), view.GetProperty("captured").GetDecimal(), view.GetProperty("refunded").GetDecimal()));
        Assert.Equal(0, (await _host.PositionAsync(p.Sku1, "STORE-1")).GetProperty("reserved").GetInt32());
        var length = await _host.JournalLengthAsync(OrderGrain($"web:{p.OrderNumber}"));

        var refund = await (await PostAsync(web, "refunds/create", refundBody)).AssertOkAsync();

        var replayed = Assert.Single(refund.GetProperty("outcomes").EnumerateArray());
        Assert.Equal(("shopify:refund:9300000000002:refund", "Applied"), (replayed.GetProperty("eventId").GetString(), replayed.GetProperty("disposition").GetString()));
        view = await (await web.GetAsync($"/v1/orders/web:{p.OrderNumber}")).AssertOkAsync();
        Assert.Equal(("Cancelled", 63.75m), (view.GetProperty("status").GetString(), view.GetProperty("refunded").GetDecimal()));
        Assert.Equal(length, await _host.JournalLengthAsync(OrderGrain($"web:{p.OrderNumber}")));
        var history = await (await web.GetAsync($"/v1/orders/web:{p.OrderNumber}/history")).AssertOkAsync();
        Assert.Single(history.EnumerateArray(), e => e.GetProperty("type").GetString() == "RefundRecorded");
        Assert.Equal(5, (await _host.PositionAsync(p.Sku1, "STORE-1")).GetProperty("onHand").GetInt32());
    }

    [Fact]
    public async Task RefundCancellingEveryItem_ThenOrderCancelled_TheLateCancellationIsAbsorbed()
    {
        var p = Payloads.New();
        await _host.ReceiveAsync(p.Sku1, "STORE-1", 5);
        await _host.ReceiveAsync(p.Sku2, "STORE-1", 5);
        var web = _host.Client(GatewayHost.WebKey);
        await (await PostAsync(web, "orders/create", p.Read("orders-create.json"))).AssertOkAsync();
        var cancelledBody = p.Read("orders-cancelled-refunded.json");
        using var cancelledJson = System.Text.Json.JsonDocument.Parse(cancelledBody);

        // Shopify's refunds/create (cancelling every item) arrives before orders/cancelled.
        await (await PostAsync(web, "refunds/create", cancelledJson.RootElement.GetProperty("refunds")[0].GetRawText())).AssertOkAsync();
        Assert.Equal("Cancelled", (await (await web.GetAsync($"/v1/orders/web:{p.OrderNumber}")).AssertOkAsync()).GetProperty("status").GetString());
        var cancelled = await (await PostAsync(web, "orders/cancelled", cancelledBody)).AssertOkAsync();

        Assert.Equal("Applied", cancelled.GetProperty("outcomes")[0].GetProperty("disposition").GetString());
        var view = await (await web.GetAsync($"/v1/orders/web:{p.OrderNumber}")).AssertOkAsync();
        Assert.Equal(("Cancelled", 63.75m), (view.GetProperty("status").GetString(), view.GetProperty("refunded").GetDecimal()));
        var history = await (await web.GetAsync($"/v1/orders/web:{p.OrderNumber}/history")).AssertOkAsync();
        Assert.Single(history.EnumerateArray(), e => e.GetProperty("type").GetString() == "RefundRecorded");
        Assert.Equal((5, 0), ((await _host.PositionAsync(p.Sku1, "STORE-1")).GetProperty("onHand").GetInt32(), (await _host.PositionAsync(p.Sku1, "STORE-1")).GetProperty("reserved").GetInt32()));
    }

    [Theory]
    [InlineData("\"sku\": \"{sku1}\"", "\"sku\": null", "line_items[0].sku")]
    [InlineData("\"quantity\": 2,", "\"quantity\": \"two\",", "line_items[0].quantity")]
    [InlineData("\"quantity\": 2,", "\"quantity\": 0,", "line_items[0].quantity")]
    [InlineData("\"price\": \"12.00\"", "\"price\": \"twelve\"", "line_items[0].price")]
    [InlineData("\"currency\": \"EUR\",", "\"currency\": 978,", "currency")]
    [InlineData("\"id\": 5813390213311,", "\"id\": \"not/an id\",", "id")]
    public async Task UnmappableOrder_Is422NamingTheField_AndChangesNothing(string from, string to, string field)
    {
        var p = Payloads.New();
        var body = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Orders", "Shopify", "orders-create.json"))
            .Replace(from, to).Replace("5813390213311", p.OrderNumber).Replace("{sku1}", p.Sku1).Replace("{sku2}", p.Sku2);

        var response = await PostAsync(_host.Client(GatewayHost.WebKey), "orders/create", body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation-failed");
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Equal(0, await _host.JournalLengthAsync(OrderGrain($"web:{p.OrderNumber}")));
    }

    [Fact]
    public async Task UnknownSkuOrUnmappedLocation_Is422()
    {
        var p = Payloads.New() with { Sku1 = "UNKNOWN-SOCK" };
        var unknownSku = await PostAsync(_host.Client(GatewayHost.WebKey), "orders/create", p.Read("orders-create.json"));
        var problem = await unknownSku.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "unknown-reference");
        Assert.Contains("UNKNOWN-SOCK", problem.FieldErrors("line_items[0].sku")[0]);

        var unmapped = await PostAsync(_host.Client(GatewayHost.WebKey), "fulfillments/create",
            p.Read("fulfillments-create.json").Replace("61000000001", "61999999999"));
        var locationProblem = await unmapped.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation-failed");
        Assert.Equal("location_id", locationProblem.GetProperty("field").GetString());
        Assert.Equal(0, await _host.JournalLengthAsync(OrderGrain($"web:{p.OrderNumber}")));
    }

    [Fact]
    public async Task MalformedJson_UnknownTopic_AndMissingKey_AreRefused()
    {
        var web = _host.Client(GatewayHost.WebKey);
        await (await PostAsync(web, "orders/create", "{\"id\": 1,")).AssertProblemAsync(HttpStatusCode.BadRequest, "invalid-json");
        await (await PostAsync(web, "products/create", "{}")).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await PostAsync(_host.Client(null), "orders/create", "{}")).AssertProblemAsync(HttpStatusCode.Unauthorized, "api-key-missing");
        await (await PostAsync(_host.Client("not-a-key-of-ours"), "orders/create", "{}")).AssertProblemAsync(HttpStatusCode.Unauthorized, "api-key-invalid");
        await (await PostAsync(_host.Client(GatewayHost.ReadOnlyKey), "orders/create", "{}")).AssertProblemAsync(HttpStatusCode.Forbidden, "scope-missing");
    }

    [Fact]
    public async Task SignedWebhook_WithAValidSignature_ActsForTheShopifyChannel()
    {
        var p = Payloads.New();
        await _signed.ReceiveAsync(p.Sku1, "DC-1", 5);
        await _signed.ReceiveAsync(p.Sku2, "DC-1", 5);
        var body = p.Read("orders-create.json");

        var result = await (await PostAsync(_signed.Client(null), "orders/create", body, Sign(body))).AssertOkAsync();

        Assert.Equal($"shopify:{p.OrderNumber}", result.GetProperty("orderId").GetString());
        Assert.Equal(2, (await _signed.PositionAsync(p.Sku1, "DC-1")).GetProperty("reserved").GetInt32());
        var history = await (await _signed.Client(GatewayHost.AdminKey).GetAsync($"/v1/orders/shopify:{p.OrderNumber}/history")).AssertOkAsync();
        Assert.All(history.EnumerateArray().Where(e => e.GetProperty("type").GetString() == "OrderPlaced"),
            e => Assert.Equal("shopify", e.GetProperty("sourceSystem").GetString()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("bm90IHRoZSBzaWduYXR1cmU=")]
    [InlineData("not base64 at all")]
    [InlineData("wrong-secret")]
    public async Task SignedWebhook_WithAMissingOrWrongSignature_Is401_AndChangesNothing(string? signature)
    {
        var p = Payloads.New();
        var body = p.Read("orders-create.json");
        var sent = signature == "wrong-secret" ? Sign(body, "another-secret") : signature;

        var response = await PostAsync(_signed.Client(GatewayHost.AdminKey), "orders/create", body, sent);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "webhook-signature-invalid");
        Assert.Equal(0, await _signed.JournalLengthAsync(OrderGrain($"shopify:{p.OrderNumber}")));
    }

    [Fact]
    public async Task SignatureOverADifferentBody_Is401()
    {
        var p = Payloads.New();
        var body = p.Read("orders-create.json");

        var response = await PostAsync(_signed.Client(null), "orders/create", body.Replace("\"quantity\": 2", "\"quantity\": 20"), Sign(body));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "webhook-signature-invalid");
    }

    [Fact]
    public async Task GenuineWebhooks_AfterJunkFromTheSameAddress_AreLimitedOnlyPerShop_WhileJunkStaysLimitedPerAddress()
    {
        // A gateway of its own, so its buckets are this test's: the default per-shop bucket, the default per-address one.
        await using var signed = await OrdersGateway.StartAsync(signedShopify: true, clusterOf: _host);
        var anonymous = signed.Client(null);
        var sku1 = NewSku();
        var sku2 = NewSku();
        await signed.ReceiveAsync(sku1, "DC-1", 100);
        await signed.ReceiveAsync(sku2, "DC-1", 100);

        // Junk from the address the genuine webhooks come from (a TLS proxy): unsigned and badly signed.
        var junk = new List<HttpStatusCode>();
        for (var i = 0; i < 80; i++)
        {
            var body = new Payloads(NewOrderNumber2(), sku1, sku2).Read("orders-create.json");
            junk.Add((await PostAsync(anonymous, "orders/create", body, i % 2 == 0 ? null : "bm90IHRoZSBzaWduYXR1cmU=")).StatusCode);
        }

        // 40 genuine webhooks in one burst.
        var genuine = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ =>
        {
            var body = new Payloads(NewOrderNumber2(), sku1, sku2).Read("orders-create.json");
            var response = await PostAsync(anonymous, "orders/create", body, Sign(body));
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }));
        var afterwards = await PostAsync(anonymous, "orders/create", "{}", "bm90IHRoZSBzaWduYXR1cmU=");

        Assert.All(junk, status => Assert.Contains(status, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests }));
        Assert.Contains(HttpStatusCode.Unauthorized, junk);
        Assert.Contains(HttpStatusCode.TooManyRequests, junk);
        Assert.All(genuine, g => Assert.True(g.StatusCode == HttpStatusCode.OK, $"{(int)g.StatusCode}: {g.Item2}"));
        Assert.Contains(afterwards.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests });
    }

    [Fact]
    public async Task GenuineWebhooks_PastTheirShopsLimit_Get429NamingTheShop_WhileAnotherShopGoesOn()
    {
        await using var signed = await GatewayHost.StartAsync(o =>
        {
            o.ClusterOf = _host;
            o.Settings["Gateway:Shopify:WebhookSecret"] = ShopifySecret;
            o.Settings["Gateway:RateLimits:ShopifyShops:TokenLimit"] = "2";
            o.Settings["Gateway:RateLimits:ShopifyShops:TokensPerPeriod"] = "1";
            o.Settings["Gateway:RateLimits:ShopifyShops:ReplenishmentPeriod"] = "01:00:00";
        });
        var anonymous = signed.Client(null);
        // An unhandled topic: authenticated and limited like any other, then answered 404 without touching a grain.
        const string body = "{}";

        var first = await PostAsync(anonymous, "orders/paid", body, Sign(body), shop: "busy.myshopify.com");
        var second = await PostAsync(anonymous, "orders/paid", body, Sign(body), shop: "busy.myshopify.com");
        var third = await PostAsync(anonymous, "orders/paid", body, Sign(body), shop: "busy.myshopify.com");
        var otherShop = await PostAsync(anonymous, "orders/paid", body, Sign(body), shop: "quiet.myshopify.com");

        await first.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await second.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        var refused = await third.AssertProblemAsync(HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.Contains("busy.myshopify.com", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(third.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(1), $"Retry-After: {third.Headers.RetryAfter}");
        await otherShop.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    private static string NewOrderNumber2() => Random.Shared.NextInt64(1_000_000_000_000, 9_999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
