using System.Net;
using System.Text.Json;
using Parity.Dashboard.Tests.Testing;
using Parity.GrainInterfaces.Exceptions;
using Parity.GrainInterfaces.Inventory;

namespace Parity.Dashboard.Tests.Api;

/// <summary>The silo's web host, composed as silo/Program.cs composes it: Parity's dashboard and the Orleans Dashboard.</summary>
[Collection(SiloHosts.CollectionName)]
public sealed class SiloHostingTests(SiloHosts hosts)
{
    private const string OrleansDashboard = "/dashboard/orleans";

    [Fact]
    public async Task ASiloHost_ServesBusinessHealthFromItsOwnGrainFactory()
    {
        var host = await hosts.DevelopmentAsync();
        await host.Grains.GetGrain<IExceptionQueueGrain>(IExceptionQueueGrain.GlobalKey)
            .RaiseAsync(new ExceptionReport(ExceptionCategory.PriceMismatch, "price:SKU-9@web", "Price differs from the list", "corr-silo", ["web-9"]));
        using var client = host.Client();

        var view = await Eventually.WaitForAsync(
            async () => JsonDocument.Parse(await client.GetStringAsync("/dashboard/api/business")).RootElement.Clone(),
            v => DashboardHost.Figure(v, "exceptions.by_category") is { } f
                && f.GetProperty("breakdown").TryGetProperty("PriceMismatch", out var count) && count.GetDouble() == 1,
            "the exception raised in the co-hosted silo is counted");

        var byOwner = DashboardHost.Figure(view, "exceptions.by_owner")!.Value.GetProperty("breakdown");
        Assert.True(byOwner.GetProperty("e-commerce").GetDouble() >= 1);
    }

    [Fact]
    public async Task TheLinkedOrleansDashboard_ShowsTheSiloAndTheGrainTypesItHosts()
    {
        // Grain health, which Parity's own statistics pages used to show: the silo, activations and calls per grain type.
        var host = await hosts.DevelopmentAsync();
        var position = host.Grains.GetGrain<IInventoryPositionGrain>("SKU-OD@STORE-1");
        using var client = host.Client();

        using var redirect = await client.GetAsync(OrleansDashboard);
        Assert.Equal(OrleansDashboard + "/", redirect.Headers.Location?.OriginalString);
        var page = await client.GetStringAsync(OrleansDashboard + "/");
        Assert.Contains("<title>Orleans Dashboard</title>", page);

        // The dashboard profiles grain calls only while someone reads it, so each probe calls the position, then reads.
        var receipts = 0;
        var counters = await Eventually.WaitForAsync(
            async () =>
            {
                await position.ReceiveAsync("rcv-od-" + ++receipts, 1, "PO-OD");
                return JsonDocument.Parse(await client.GetStringAsync(OrleansDashboard + "/DashboardCounters")).RootElement.Clone();
            },
            c => c.GetProperty("totalActiveHostCount").GetInt32() == 1 && PositionStats(c) is { } p && p.GetProperty("totalCalls").GetInt64() >= 1,
            "the dashboard collects the silo and the position's calls", timeoutSeconds: 30);

        Assert.Equal(1, counters.GetProperty("hosts").GetArrayLength());
        Assert.True(PositionStats(counters)!.Value.GetProperty("activationCount").GetInt32() >= 1);
    }

    [Fact]
    public async Task TheOrleansDashboard_OutsideDevelopment_SitsBehindTheDashboardsSignIn()
    {
        var host = await hosts.ProductionAsync();
        var cookies = new CookieContainer();
        using var browser = host.Client(cookies: cookies);

        // A browser is sent to Parity's sign-in, which returns it afterwards; an API call is refused with the problem.
        using var page = await browser.GetAsync(OrleansDashboard + "/");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/dashboard?next=" + Uri.EscapeDataString(OrleansDashboard + "/"), page.Headers.Location?.OriginalString);
        using var api = await browser.GetAsync(OrleansDashboard + "/DashboardCounters");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);

        using (var admin = host.Client(DashboardHost.AdminKey))
        using (var store = host.Client(DashboardHost.StoreKey))
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(OrleansDashboard + "/DashboardCounters")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await store.GetAsync(OrleansDashboard + "/DashboardCounters")).StatusCode);
        }

        using var login = await browser.PostAsync("/dashboard/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = SiloHosts.Username,
            ["password"] = SiloHosts.Password,
        }));
        Assert.Equal(HttpStatusCode.NoContent, login.StatusCode);
        using var signedIn = await browser.GetAsync(OrleansDashboard + "/");
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        using var signedInApi = await browser.GetAsync(OrleansDashboard + "/DashboardCounters");
        Assert.Equal(HttpStatusCode.OK, signedInApi.StatusCode);
    }

    private static JsonElement? PositionStats(JsonElement counters) =>
        counters.GetProperty("simpleGrainStats").EnumerateArray()
            .Where(s => s.GetProperty("grainType").GetString()?.Contains("InventoryPositionGrain", StringComparison.Ordinal) == true)
            .Select(s => (JsonElement?)s).FirstOrDefault();

    [Theory]
    [InlineData("/statistics")]
    [InlineData("/statistics?top=-1")]
    public async Task TheRetiredStatisticsEndpoint_IsGone_404Problem_InProductionAndDevelopment(string path)
    {
        // The runtime before Orleans served grain statistics (idempotency keys, order ids, SKUs) at /statistics; the
        // Orleans Dashboard replaced it behind operator sign-in.
        foreach (var host in new[] { await hosts.ProductionAsync(), await hosts.DevelopmentAsync() })
        {
            using var response = await host.Client(DashboardHost.AdminKey).GetAsync(path);

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("urn:parity:problem:not-found", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetString());
        }
    }

    [Theory]
    [InlineData("/dashboard/api/business")]
    [InlineData("/dashboard/orleans/DashboardCounters")]
    [InlineData("/dashboard/orleans/ClusterStats")]
    [InlineData("/dashboard/orleans/Reminders")]
    public async Task InProduction_TheDashboardsApis_RefuseAnonymousCallers(string path)
    {
        var host = await hosts.ProductionAsync();
        using var client = host.Client();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
