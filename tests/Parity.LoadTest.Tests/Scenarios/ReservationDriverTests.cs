using System.Text.Json;
using Parity.LoadTest.Scenarios;

namespace Parity.LoadTest.Tests.Scenarios;

public sealed class ReservationDriverTests
{
    [Fact]
    public void Body_WithChannelKeys_IsTheGatewaysReserveRequestWithoutAChannel()
    {
        var body = ReservationDriver.Body(new SaleRequest("r-1", "web-1", "SKU-1", "DC-1", 2), perChannelKeys: true);

        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal("r-1", root.GetProperty("requestId").GetString());
        Assert.Equal("order:r-1", root.GetProperty("orderRef").GetString());
        Assert.Equal("Order", root.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("channelId").ValueKind);
        var line = Assert.Single(root.GetProperty("lines").EnumerateArray());
        Assert.Equal("SKU-1", line.GetProperty("sku").GetString());
        Assert.Equal("DC-1", line.GetProperty("locationId").GetString());
        Assert.Equal(2, line.GetProperty("quantity").GetInt32());
    }

    [Fact]
    public void Body_WithTheAdminKey_NamesTheChannel()
    {
        var body = ReservationDriver.Body(new SaleRequest("r-2", "mkt-1", "SKU-1", "DC-1", 1), perChannelKeys: false);

        using var json = JsonDocument.Parse(body);
        Assert.Equal("mkt-1", json.RootElement.GetProperty("channelId").GetString());
    }
}
