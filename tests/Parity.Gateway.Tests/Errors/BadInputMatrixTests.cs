using System.Net;
using System.Text;
using Parity.Gateway.Tests.Testing;
using Parity.GrainInterfaces.Inventory;

namespace Parity.Gateway.Tests.Errors;

/// <summary>Every kind of bad input gets the right 4xx with a problem body, and the position's journal does not grow.</summary>
[Collection(GatewayCollection.Name)]
public sealed class BadInputMatrixTests(GatewayFixture fixture)
{
    private readonly GatewayHost _host = fixture.Host;

    public sealed record Case(string Name, string? ApiKey, string Method, string Path, string? Body, HttpStatusCode Status, string Slug, string? Field = null, string ContentType = "application/json")
    {
        public override string ToString() => Name;
    }

    private const string Receipts = "/v1/inventory/positions/{position}/receipts";
    private const string Reserve = "/v1/inventory/reservations";
    private const string Line = "\"sku\":\"{sku}\",\"locationId\":\"{location}\"";

    public static TheoryData<Case> Cases => new()
    {
        new("malformed JSON", GatewayHost.WarehouseKey, "POST", Receipts, "{\"eventId\":\"e1\",\"quantity\":", HttpStatusCode.BadRequest, "invalid-json"),
        new("quantity as text", GatewayHost.WarehouseKey, "POST", Receipts, "{\"eventId\":\"e1\",\"quantity\":\"five\"}", HttpStatusCode.BadRequest, "invalid-json", "quantity"),
        new("quantity as number in a string", GatewayHost.WarehouseKey, "POST", Receipts, "{\"eventId\":\"e1\",\"quantity\":\"5\"}", HttpStatusCode.BadRequest, "invalid-json", "quantity"),
        new("fractional quantity", GatewayHost.WarehouseKey, "POST", Receipts, "{\"eventId\":\"e1\",\"quantity\":2.5}", HttpStatusCode.BadRequest, "invalid-json", "quantity"),
        new("event id as number", GatewayHost.WarehouseKey, "POST", Receipts, "{\"eventId\":12,\"quantity\":1}", HttpStatusCode.BadRequest, "invalid-json", "eventId"),
        new("body is an array", GatewayHost.WarehouseKey, "POST", Receipts, "[1,2]", HttpStatusCode.BadRequest, "invalid-json"),
        new("no body", GatewayHost.WarehouseKey, "POST", Receipts, null, HttpStatusCode.BadRequest, "invalid-json"),
        new("not JSON content type", GatewayHost.WarehouseKey, "POST", Receipts, "eventId=e1&quantity=1", HttpStatusCode.UnsupportedMediaType, "unsupported-media-type", ContentType: "application/x-www-form-urlencoded"),
        new("negative quantity", GatewayHost.WarehouseKey, "POST", Receipts, "{\"eventId\":\"e1\",\"quantity\":-3}", HttpStatusCode.UnprocessableEntity, "validation-failed", "quantity"),
        new("zero quantity", GatewayHost.WarehouseKey, "POST", Receipts, "{\"eventId\":\"e1\",\"quantity\":0}", HttpStatusCode.UnprocessableEntity, "validation-failed", "quantity"),
        new("missing quantity", GatewayHost.WarehouseKey, "POST", Receipts, "{\"eventId\":\"e1\"}", HttpStatusCode.UnprocessableEntity, "validation-failed", "quantity"),
        new("missing event id", GatewayHost.WarehouseKey, "POST", Receipts, "{\"quantity\":1}", HttpStatusCode.UnprocessableEntity, "validation-failed", "eventId"),
        new("malformed event id", GatewayHost.WarehouseKey, "POST", Receipts, "{\"eventId\":\"has space\",\"quantity\":1}", HttpStatusCode.UnprocessableEntity, "validation-failed", "eventId"),
        new("negative count", GatewayHost.WarehouseKey, "POST", "/v1/inventory/positions/{position}/cycle-counts", "{\"eventId\":\"e1\",\"countedQuantity\":-1}", HttpStatusCode.UnprocessableEntity, "validation-failed", "countedQuantity"),
        new("malformed destination", GatewayHost.WarehouseKey, "POST", "/v1/inventory/positions/{position}/transfers/outbound", "{\"eventId\":\"e1\",\"transferId\":\"T1\",\"quantity\":1,\"toLocationId\":\"DC 9/x\"}", HttpStatusCode.UnprocessableEntity, "validation-failed", "toLocationId"),
        new("unknown disposition", GatewayHost.WarehouseKey, "POST", "/v1/inventory/positions/{position}/returns", "{\"eventId\":\"e1\",\"returnRef\":\"R1\",\"quantity\":1,\"disposition\":\"Burn\"}", HttpStatusCode.BadRequest, "invalid-json", "disposition"),
        new("undefined disposition number", GatewayHost.WarehouseKey, "POST", "/v1/inventory/positions/{position}/returns", "{\"eventId\":\"e1\",\"returnRef\":\"R1\",\"quantity\":1,\"disposition\":42}", HttpStatusCode.UnprocessableEntity, "validation-failed", "disposition"),
        new("missing outcome", GatewayHost.WarehouseKey, "POST", "/v1/inventory/positions/{position}/quality-control/releases", "{\"eventId\":\"e1\",\"quantity\":1}", HttpStatusCode.UnprocessableEntity, "validation-failed", "outcome"),
        new("position without location", GatewayHost.WarehouseKey, "POST", "/v1/inventory/positions/{sku}@/receipts", "{\"eventId\":\"e1\",\"quantity\":1}", HttpStatusCode.UnprocessableEntity, "validation-failed", "position"),
        new("position without @", GatewayHost.WarehouseKey, "POST", "/v1/inventory/positions/{sku}/receipts", "{\"eventId\":\"e1\",\"quantity\":1}", HttpStatusCode.UnprocessableEntity, "validation-failed", "position"),
        new("SKU with a space", GatewayHost.WarehouseKey, "POST", "/v1/inventory/positions/BAD%20{sku}@{location}/receipts", "{\"eventId\":\"e1\",\"quantity\":1}", HttpStatusCode.UnprocessableEntity, "validation-failed", "position"),
        new("missing API key", null, "POST", Receipts, "{\"eventId\":\"e1\",\"quantity\":1}", HttpStatusCode.Unauthorized, "api-key-missing"),
        new("wrong API key", "not-a-key-of-ours", "POST", Receipts, "{\"eventId\":\"e1\",\"quantity\":1}", HttpStatusCode.Unauthorized, "api-key-invalid"),
        new("key without the scope", GatewayHost.WebKey, "POST", Receipts, "{\"eventId\":\"e1\",\"quantity\":1}", HttpStatusCode.Forbidden, "scope-missing"),
        new("reserve: zero quantity", GatewayHost.WebKey, "POST", Reserve, "{\"requestId\":\"r1\",\"orderRef\":\"o1\",\"kind\":\"Order\",\"lines\":[{" + Line + ",\"quantity\":0}]}", HttpStatusCode.UnprocessableEntity, "validation-failed", "lines[0].quantity"),
        new("reserve: negative quantity", GatewayHost.WebKey, "POST", Reserve, "{\"requestId\":\"r1\",\"orderRef\":\"o1\",\"kind\":\"Order\",\"lines\":[{" + Line + ",\"quantity\":-2}]}", HttpStatusCode.UnprocessableEntity, "validation-failed", "lines[0].quantity"),
        new("reserve: malformed SKU", GatewayHost.WebKey, "POST", Reserve, "{\"requestId\":\"r1\",\"orderRef\":\"o1\",\"kind\":\"Order\",\"lines\":[{\"sku\":\"SKU 1\",\"locationId\":\"{location}\",\"quantity\":1}]}", HttpStatusCode.UnprocessableEntity, "validation-failed", "lines[0].sku"),
        new("reserve: no lines", GatewayHost.WebKey, "POST", Reserve, "{\"requestId\":\"r1\",\"orderRef\":\"o1\",\"kind\":\"Order\",\"lines\":[]}", HttpStatusCode.UnprocessableEntity, "validation-failed", "lines"),
        new("reserve: unknown kind", GatewayHost.WebKey, "POST", Reserve, "{\"requestId\":\"r1\",\"orderRef\":\"o1\",\"kind\":\"Forever\",\"lines\":[{" + Line + ",\"quantity\":1}]}", HttpStatusCode.BadRequest, "invalid-json", "kind"),
        new("reserve: lines not an array", GatewayHost.WebKey, "POST", Reserve, "{\"requestId\":\"r1\",\"orderRef\":\"o1\",\"kind\":\"Order\",\"lines\":{" + Line + "}}", HttpStatusCode.BadRequest, "invalid-json", "lines"),
        new("reserve: for another channel", GatewayHost.WebKey, "POST", Reserve, "{\"requestId\":\"r1\",\"channelId\":\"store\",\"orderRef\":\"o1\",\"kind\":\"Order\",\"lines\":[{" + Line + ",\"quantity\":1}]}", HttpStatusCode.Forbidden, "other-channel"),
        new("unknown route", GatewayHost.WarehouseKey, "POST", "/v1/inventory/positions/{position}/teleport", "{\"eventId\":\"e1\",\"quantity\":1}", HttpStatusCode.NotFound, "not-found"),
        new("wrong method", GatewayHost.WarehouseKey, "DELETE", Receipts, null, HttpStatusCode.MethodNotAllowed, "method-not-allowed"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadInput_IsRefusedWithAProblem_AndChangesNothing(Case c)
    {
        var position = await _host.NewPositionAsync(5);
        var events = await _host.JournalLengthAsync(position);
        var path = c.Path.Replace("{position}", position.ToString()).Replace("{sku}", position.Sku).Replace("{location}", position.LocationId);
        using var request = new HttpRequestMessage(new HttpMethod(c.Method), path);
        if (c.Body is not null)
        {
            var body = c.Body.Replace("{sku}", position.Sku).Replace("{location}", position.LocationId);
            request.Content = new StringContent(body, Encoding.UTF8, c.ContentType);
        }

        var response = await _host.Client(c.ApiKey).SendAsync(request);

        var problem = await response.AssertProblemAsync(c.Status, c.Slug);
        if (c.Field is not null)
        {
            Assert.True(
                problem.TryGetProperty("errors", out var errors) ? errors.TryGetProperty(c.Field, out _) : problem.GetProperty("field").GetString() == c.Field,
                $"The problem should name '{c.Field}': {problem}");
        }

        Assert.Equal(events, await _host.JournalLengthAsync(position));
        Assert.Equal(5, (await (await _host.Client(GatewayHost.AdminKey).GetAsync($"/v1/inventory/positions/{position}")).AssertOkAsync()).GetProperty("onHand").GetInt32());
    }

    [Fact]
    public async Task OversizedBody_IsRefusedWith413_AndChangesNothing()
    {
        var position = await _host.NewPositionAsync(5);
        var events = await _host.JournalLengthAsync(position);
        var reason = new string('x', 1024 * 1024 + 10);

        var response = await _host.Client(GatewayHost.WarehouseKey).PostAsync($"/v1/inventory/positions/{position}/damages",
            new StringContent($"{{\"eventId\":\"big\",\"quantity\":1,\"reason\":\"{reason}\"}}", Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "request-too-large");
        Assert.Equal(events, await _host.JournalLengthAsync(position));
    }

    [Fact]
    public async Task OversizedChunkedBody_IsRefusedWith413_AndChangesNothing()
    {
        var position = await _host.NewPositionAsync(5);
        var events = await _host.JournalLengthAsync(position);
        var reason = new string('x', 1024 * 1024 + 10);
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes($"{{\"eventId\":\"big\",\"quantity\":1,\"reason\":\"{reason}\"}}")));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/inventory/positions/{position}/damages") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await _host.Client(GatewayHost.WarehouseKey).SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "request-too-large");
        Assert.Equal(events, await _host.JournalLengthAsync(position));
    }
}
