using System.Net;
using System.Text.Json;
using Parity.Dashboard.Tests.Testing;

namespace Parity.Dashboard.Tests.Api;

[Collection(DashboardCluster.CollectionName)]
public sealed class AccessTests(DashboardCluster cluster)
{
    private const string BusinessPath = "/dashboard/api/business";

    // Where the host maps the Orleans Dashboard; the test host serves a stand-in behind the dashboard's policy.
    private const string OrleansDashboardPath = "/dashboard/orleans";

    [Fact]
    public async Task OutsideDevelopment_TheApiWithoutCredentials_IsRefusedWith401Problem()
    {
        await using var host = await DashboardHost.StartAsync(cluster, o => o.Environment = "Production");

        using var response = await host.Client().GetAsync(BusinessPath);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("urn:parity:problem:dashboard-unauthorized", problem.GetProperty("type").GetString());
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.False(problem.GetProperty("loginAvailable").GetBoolean());
        using var orleans = await host.Client().GetAsync(OrleansDashboardPath);
        Assert.Equal(HttpStatusCode.Unauthorized, orleans.StatusCode);
    }

    [Fact]
    public async Task OutsideDevelopment_AnAdminKeyIsAccepted_AndAChannelKeyIsNot()
    {
        await using var host = await DashboardHost.StartAsync(cluster, o => o.Environment = "Production");

        foreach (var path in new[] { BusinessPath, OrleansDashboardPath })
        {
            using var admin = await host.Client(DashboardHost.AdminKey).GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
            using var store = await host.Client(DashboardHost.StoreKey).GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, store.StatusCode);
            using var wrong = await host.Client("not-a-key-at-all-00").GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        Assert.Equal(DashboardHost.OrleansDashboardStandIn, await host.Client(DashboardHost.AdminKey).GetStringAsync(OrleansDashboardPath));
    }

    [Fact]
    public async Task OutsideDevelopment_TheConfiguredLogin_SetsACookieThatOpensTheApiAndTheOrleansDashboard()
    {
        await using var host = await DashboardHost.StartAsync(cluster, o =>
        {
            o.Environment = "Production";
            o.Settings["Parity:Dashboard:Username"] = "ops";
            o.Settings["Parity:Dashboard:Password"] = "correct horse battery";
        });
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var browser = new HttpClient(handler) { BaseAddress = host.BaseAddress };

        using var refused = await browser.GetAsync(BusinessPath);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.True(JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("loginAvailable").GetBoolean());

        using var wrong = await browser.PostAsync("/dashboard/login", Form("ops", "wrong password"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        using var stillRefused = await browser.GetAsync(BusinessPath);
        Assert.Equal(HttpStatusCode.Unauthorized, stillRefused.StatusCode);

        using var login = await browser.PostAsync("/dashboard/login", Form("ops", "correct horse battery"));
        Assert.Equal(HttpStatusCode.NoContent, login.StatusCode);
        using var business = await browser.GetAsync(BusinessPath);
        Assert.Equal(HttpStatusCode.OK, business.StatusCode);
        // The cookie's path is the dashboard's, so the Orleans Dashboard under it is opened by the same sign-in.
        using var orleans = await browser.GetAsync(OrleansDashboardPath);
        Assert.Equal(HttpStatusCode.OK, orleans.StatusCode);

        using var logout = await browser.PostAsync("/dashboard/logout", null);
        using var afterLogout = await browser.GetAsync(BusinessPath);
        Assert.Equal(HttpStatusCode.Unauthorized, afterLogout.StatusCode);
        using var orleansAfterLogout = await browser.GetAsync(OrleansDashboardPath);
        Assert.Equal(HttpStatusCode.Unauthorized, orleansAfterLogout.StatusCode);
    }

    [Fact]
    public async Task InDevelopment_TheApiIsOpen_UnlessConfiguredOtherwise()
    {
        await using (var open = await DashboardHost.StartAsync(cluster, o => o.Environment = "Development"))
        {
            using var response = await open.Client().GetAsync(BusinessPath);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var orleans = await open.Client().GetAsync(OrleansDashboardPath);
            Assert.Equal(HttpStatusCode.OK, orleans.StatusCode);
        }

        await using var strict = await DashboardHost.StartAsync(cluster, o =>
        {
            o.Environment = "Development";
            o.Settings["Parity:Dashboard:RequireAuthenticationInDevelopment"] = "true";
        });
        using var refused = await strict.Client().GetAsync(BusinessPath);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        using var orleansRefused = await strict.Client().GetAsync(OrleansDashboardPath);
        Assert.Equal(HttpStatusCode.Unauthorized, orleansRefused.StatusCode);
    }

    private static FormUrlEncodedContent Form(string username, string password) =>
        new(new Dictionary<string, string> { ["username"] = username, ["password"] = password });
}
