using System.Net;
using System.Text.Json;
using Parity.Dashboard.Tests.Testing;

namespace Parity.Dashboard.Tests.Api;

[Collection(DashboardCluster.CollectionName)]
public sealed class AccessTests(DashboardCluster cluster)
{
    private const string BusinessPath = "/dashboard/api/business";

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
    }

    [Fact]
    public async Task OutsideDevelopment_AnAdminKeyIsAccepted_AndAChannelKeyIsNot()
    {
        await using var host = await DashboardHost.StartAsync(cluster, o => o.Environment = "Production");

        using var admin = await host.Client(DashboardHost.AdminKey).GetAsync(BusinessPath);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        using var store = await host.Client(DashboardHost.StoreKey).GetAsync(BusinessPath);
        Assert.Equal(HttpStatusCode.Unauthorized, store.StatusCode);
        using var wrong = await host.Client("not-a-key-at-all-00").GetAsync(BusinessPath);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task OutsideDevelopment_TheConfiguredLogin_SetsACookieThatOpensTheApi()
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

        using var logout = await browser.PostAsync("/dashboard/logout", null);
        using var afterLogout = await browser.GetAsync(BusinessPath);
        Assert.Equal(HttpStatusCode.Unauthorized, afterLogout.StatusCode);
    }

    [Fact]
    public async Task InDevelopment_TheApiIsOpen_UnlessConfiguredOtherwise()
    {
        await using (var open = await DashboardHost.StartAsync(cluster, o => o.Environment = "Development"))
        {
            using var response = await open.Client().GetAsync(BusinessPath);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await using var strict = await DashboardHost.StartAsync(cluster, o =>
        {
            o.Environment = "Development";
            o.Settings["Parity:Dashboard:RequireAuthenticationInDevelopment"] = "true";
        });
        using var refused = await strict.Client().GetAsync(BusinessPath);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task BehindATlsProxy_TheLoginCookieIsSecure_AndOverPlainHttpItIsNot()
    {
        // The proxy terminates TLS and says so in X-Forwarded-Proto; the host honours forwarded headers when
        // ASPNETCORE_FORWARDEDHEADERS_ENABLED is true (see docs/operations.md, Security).
        await using var host = await DashboardHost.StartAsync(cluster, o =>
        {
            o.Environment = "Production";
            o.Settings["Parity:Dashboard:Username"] = "ops";
            o.Settings["Parity:Dashboard:Password"] = "correct horse battery";
            o.Settings["FORWARDEDHEADERS_ENABLED"] = "true";
        });
        using var viaProxy = new HttpRequestMessage(HttpMethod.Post, "/dashboard/login") { Content = Form("ops", "correct horse battery") };
        viaProxy.Headers.Add("X-Forwarded-Proto", "https");

        using var secure = await host.Client().SendAsync(viaProxy);
        using var plain = await host.Client().PostAsync("/dashboard/login", Form("ops", "correct horse battery"));

        Assert.Equal(HttpStatusCode.NoContent, secure.StatusCode);
        Assert.Contains("secure", Assert.Single(secure.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NoContent, plain.StatusCode);
        Assert.DoesNotContain("secure", Assert.Single(plain.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
    }

    private static FormUrlEncodedContent Form(string username, string password) =>
        new(new Dictionary<string, string> { ["username"] = username, ["password"] = password });
}
