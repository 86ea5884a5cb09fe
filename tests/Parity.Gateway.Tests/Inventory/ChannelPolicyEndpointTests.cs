using System.Net;
using System.Net.Http.Json;
using Orleans.Runtime;
using Parity.Gateway.Tests.Testing;
using Parity.GrainInterfaces.Inventory;

namespace Parity.Gateway.Tests.Inventory;

[Collection(GatewayCollection.Name)]
public sealed class ChannelPolicyEndpointTests(GatewayFixture fixture)
{
    private readonly GatewayHost _host = fixture.Host;
    private static readonly GrainId PolicyGrain = GrainId.Create("channel-policy", IChannelPolicyGrain.GlobalKey);

    [Fact]
    public async Task PositionPolicy_SetReadAndCleared_ChangesWhatAChannelCanSell()
    {
        var position = await _host.NewPositionAsync(10);
        var admin = _host.Client(GatewayHost.AdminKey);
        var policy = new { protectedTier = 0, safetyStock = 4, channels = new Dictionary<string, object> { ["store"] = new { tier = 0 }, ["marketplace"] = new { tier = 2, capFraction = 0.3 } } };

        var stamped = await (await admin.PutAsJsonAsync($"/v1/inventory/channel-policy/positions/{position}", policy)).AssertOkAsync();
        var effective = await (await admin.GetAsync($"/v1/inventory/channel-policy/positions/{position}")).AssertOkAsync();
        var marketplace = await Eventually.WaitForAsync(
            async () => await (await _host.Client(GatewayHost.MarketplaceKey).GetAsync($"/v1/inventory/positions/{position}")).AssertOkAsync(),
            v => v.GetProperty("safetyStock").GetInt32() == 4, "the position applied its new policy");

        Assert.True(stamped.GetProperty("version").GetInt64() > 0);
        Assert.Equal(4, effective.GetProperty("policy").GetProperty("safetyStock").GetInt32());
        Assert.Equal(3, marketplace.GetProperty("availableToSell").GetInt32());

        var configuration = await (await admin.GetAsync("/v1/inventory/channel-policy")).AssertOkAsync();
        Assert.Contains(configuration.GetProperty("positions").EnumerateArray(), p => p.GetProperty("position").GetProperty("sku").GetString() == position.Sku);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/inventory/channel-policy/positions/{position}")).StatusCode);
        await (await admin.DeleteAsync($"/v1/inventory/channel-policy/positions/{position}")).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task LocationPolicy_SetAndCleared()
    {
        var admin = _host.Client(GatewayHost.AdminKey);
        var location = "LOC-" + Guid.NewGuid().ToString("N")[..8];
        await (await admin.PutAsJsonAsync($"/v1/inventory/channel-policy/locations/{location}", new { safetyStock = 2, defaultCartTtlSeconds = 600 })).AssertOkAsync();

        var configuration = await (await admin.GetAsync("/v1/inventory/channel-policy")).AssertOkAsync();
        Assert.Equal(2, configuration.GetProperty("locations").GetProperty(location).GetProperty("safetyStock").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/inventory/channel-policy/locations/{location}")).StatusCode);
    }

    [Fact]
    public async Task Policy_WithoutAdminScope_IsForbidden()
    {
        var response = await _host.Client(GatewayHost.StoreKey).PutAsJsonAsync("/v1/inventory/channel-policy", new { safetyStock = 100 });
        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "scope-missing");
        await (await _host.Client(GatewayHost.WebKey).GetAsync("/v1/inventory/channel-policy")).AssertProblemAsync(HttpStatusCode.Forbidden, "scope-missing");
    }

    [Theory]
    [InlineData("{\"safetyStock\":-1}", "safetyStock")]
    [InlineData("{\"protectedTier\":-2}", "protectedTier")]
    [InlineData("{\"defaultCartTtlSeconds\":0}", "defaultCartTtlSeconds")]
    [InlineData("{\"channels\":{\"web\":{\"tier\":1,\"capFraction\":1.5}}}", "channels.web.capFraction")]
    [InlineData("{\"channels\":{\"web\":{\"tier\":1,\"capUnits\":3,\"capFraction\":0.5}}}", "channels.web")]
    [InlineData("{\"channels\":{\"web\":{\"capUnits\":3}}}", "channels.web.tier")]
    [InlineData("{\"channels\":{\"bad channel\":{\"tier\":1}}}", "channels.bad channel")]
    public async Task InvalidPolicy_IsUnprocessable_NamingTheField_AndChangesNothing(string body, string field)
    {
        var events = await _host.JournalLengthAsync(PolicyGrain);

        var response = await _host.Client(GatewayHost.AdminKey).PutAsync("/v1/inventory/channel-policy", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation-failed");
        Assert.NotEmpty(problem.FieldErrors(field));
        Assert.Equal(events, await _host.JournalLengthAsync(PolicyGrain));
    }
}
