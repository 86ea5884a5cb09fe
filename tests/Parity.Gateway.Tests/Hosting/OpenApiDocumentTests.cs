using System.Text.Json;
using Parity.Gateway.Tests.Testing;

namespace Parity.Gateway.Tests.Hosting;

[Collection(GatewayCollection.Name)]
public sealed class OpenApiDocumentTests(GatewayFixture fixture)
{
    private readonly GatewayHost _host = fixture.Host;

    [Fact]
    public async Task Document_IsServedWithoutAKey_AndListsEveryOperation()
    {
        var response = await _host.Client(null).GetAsync("/openapi/v1.json");

        var document = await response.AssertOkAsync();
        var paths = document.GetProperty("paths");
        string[] expected =
        [
            "/v1/inventory/positions/{position}/receipts", "/v1/inventory/positions/{position}/incoming",
            "/v1/inventory/positions/{position}/cycle-counts", "/v1/inventory/positions/{position}/damages",
            "/v1/inventory/positions/{position}/quality-control/holds", "/v1/inventory/positions/{position}/quality-control/releases",
            "/v1/inventory/positions/{position}/transfers/outbound", "/v1/inventory/positions/{position}/transfers/inbound",
            "/v1/inventory/positions/{position}/transfers/inbound/receipts", "/v1/inventory/positions/{position}/returns",
            "/v1/inventory/positions/{position}/returns/processing", "/v1/inventory/reservations", "/v1/inventory/reservations/release",
            "/v1/inventory/reservations/ship", "/v1/inventory/positions/{position}", "/v1/inventory/availability/{sku}",
            "/v1/inventory/channel-policy", "/v1/inventory/channel-policy/locations/{locationId}",
            "/v1/inventory/channel-policy/positions/{position}", "/v1/exceptions",
        ];
        foreach (var path in expected)
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the document");
        }

        var reserve = paths.GetProperty("/v1/inventory/reservations").GetProperty("post");
        Assert.Equal("Reserve", reserve.GetProperty("operationId").GetString());
        Assert.True(reserve.GetProperty("responses").TryGetProperty("409", out _));
        Assert.Equal(JsonValueKind.Object, document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey").ValueKind);
    }
}
