using System.Net;
using Parity.Gateway.Tests.Testing;

namespace Parity.Gateway.Tests.Security;

[Collection(GatewayCollection.Name)]
public sealed class RateLimitTests(GatewayFixture fixture)
{
    private readonly GatewayHost _host = fixture.Host;

    [Fact]
    public async Task ChannelOverItsLimit_Gets429WithRetryAfter_WhileOtherChannelsGoOn()
    {
        // Channel 'limited' has a bucket of 2 refilled once an hour (see GatewayHost).
        var position = await _host.NewPositionAsync(1);
        var limited = _host.Client(GatewayHost.LimitedKey);
        await (await limited.GetAsync($"/v1/inventory/positions/{position}")).AssertOkAsync();
        await (await limited.GetAsync($"/v1/inventory/positions/{position}")).AssertOkAsync();

        var refused = await limited.GetAsync($"/v1/inventory/positions/{position}");

        var problem = await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.Contains("limited", problem.GetProperty("detail").GetString());
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(1), $"Retry-After: {refused.Headers.RetryAfter}");
        await (await _host.Client(GatewayHost.ReadOnlyKey).GetAsync($"/v1/inventory/positions/{position}")).AssertOkAsync();
    }
}
