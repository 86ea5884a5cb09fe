using System.Net;
using System.Text;
using Parity.Gateway.Tests.Testing;

namespace Parity.Gateway.Tests.Errors;

[Collection(GatewayCollection.Name)]
public sealed class JsonErrorWordingTests(GatewayFixture fixture)
{
    private readonly GatewayHost _host = fixture.Host;

    [Theory]
    [InlineData("{\"eventId\":\"e1\",\"quantity\":\"five\"}", "'quantity'", "whole number")]
    [InlineData("{\"eventId\":true,\"quantity\":1}", "'eventId'", "text")]
    [InlineData("{\"eventId\":\"e1\",\"returnRef\":\"R\",\"quantity\":1,\"disposition\":\"Burn\"}", "'disposition'", "Restock")]
    public async Task WrongType_IsWordedForPeople(string body, string field, string expected)
    {
        var position = await _host.NewPositionAsync(0);
        var path = body.Contains("disposition") ? "returns" : "receipts";

        var response = await _host.Client(GatewayHost.WarehouseKey).PostAsync($"/v1/inventory/positions/{position}/{path}", new StringContent(body, Encoding.UTF8, "application/json"));

        var detail = (await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid-json")).GetProperty("detail").GetString()!;
        Assert.Contains(field, detail);
        Assert.Contains(expected, detail);
        Assert.DoesNotContain("System.", detail);
    }
}
