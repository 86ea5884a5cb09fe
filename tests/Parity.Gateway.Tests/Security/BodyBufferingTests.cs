using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Parity.Gateway.Tests.Testing;

namespace Parity.Gateway.Tests.Security;

/// <summary>Request bodies are read only after authentication and rate limiting, into pooled buffers under a global
/// budget: an anonymous client announcing a large body is refused from its headers, and slow uploads past the budget
/// are refused instead of allocated.</summary>
[Collection(GatewayCollection.Name)]
public sealed class BodyBufferingTests(GatewayFixture fixture) : IAsyncLifetime
{
    private const int Budget = 100_000;
    private GatewayHost _host = null!;

    public async Task InitializeAsync() => _host = await GatewayHost.StartAsync(o =>
    {
        o.ClusterOf = fixture.Host;
        o.Settings["Gateway:RequestBodyBudgetBytes"] = Budget.ToString(System.Globalization.CultureInfo.InvariantCulture);
        o.Settings["Gateway:MaxRequestBodyBytes"] = Budget.ToString(System.Globalization.CultureInfo.InvariantCulture);
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static Dictionary<string, string> Headers(int contentLength, string? apiKey)
    {
        var headers = new Dictionary<string, string> { ["Content-Type"] = "application/json", ["Content-Length"] = contentLength.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (apiKey is not null)
        {
            headers["X-Api-Key"] = apiKey;
        }

        return headers;
    }

    [Fact]
    public async Task AnonymousRequest_AnnouncingALargeBody_Gets401_FromItsHeadersAlone()
    {
        await using var connection = await RawHttpConnection.OpenAsync(_host.BaseAddress);

        // Headers only: the body (the size limit, the whole budget) never comes.
        await connection.SendHeadAsync("POST", "/v1/inventory/positions/SKU-1@STORE-1/receipts", Headers(Budget, null));
        var (status, head) = await connection.ReadHeadAsync();

        Assert.True(status == 401, head);
        Assert.Contains("application/problem+json", head, StringComparison.Ordinal);
        Assert.Equal(0, _host.App.Services.GetRequiredService<Parity.Gateway.Requests.RequestBodyBudget>().InUse);
    }

    [Fact]
    public async Task SlowAuthenticatedUploads_PastTheGlobalBudget_AreRefused503_InsteadOfAllocated()
    {
        var budget = _host.App.Services.GetRequiredService<Parity.Gateway.Requests.RequestBodyBudget>();
        var position = await _host.NewPositionAsync(0);
        var path = $"/v1/inventory/positions/{position}/receipts";
        await using var first = await RawHttpConnection.OpenAsync(_host.BaseAddress);
        await using var second = await RawHttpConnection.OpenAsync(_host.BaseAddress);
        await first.SendHeadAsync("POST", path, Headers(40_000, GatewayHost.WarehouseKey), Encoding.ASCII.GetBytes("{"));
        await second.SendHeadAsync("POST", path, Headers(40_000, GatewayHost.WarehouseKey), Encoding.ASCII.GetBytes("{"));
        await Eventually.WaitForAsync(() => Task.FromResult(budget.InUse), inUse => inUse == 80_000, "both slow uploads hold their buffers");

        await using var third = await RawHttpConnection.OpenAsync(_host.BaseAddress);
        await third.SendHeadAsync("POST", path, Headers(40_000, GatewayHost.WarehouseKey), Encoding.ASCII.GetBytes("{"));
        var (status, head) = await third.ReadHeadAsync();

        Assert.True(status == 503, head);
        Assert.Contains("Retry-After:", head, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("application/problem+json", head, StringComparison.Ordinal);
        Assert.Equal(80_000, budget.InUse);

        // A finished upload gives its share back.
        await first.DisposeAsync();
        await second.DisposeAsync();
        await Eventually.WaitForAsync(() => Task.FromResult(budget.InUse), inUse => inUse == 0, "aborted uploads return their buffers");
    }
}
