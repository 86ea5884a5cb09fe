using Microsoft.Playwright;
using Parity.Dashboard.Tests.Testing;
using Parity.GrainInterfaces.Exceptions;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parity.Dashboard.Tests.Browser;

[Collection(DashboardCluster.CollectionName)]
public sealed class DashboardBrowserTests(DashboardCluster cluster, ITestOutputHelper output)
{
    [Fact]
    public async Task Dashboard_InHeadlessChromium_ShowsBusinessHealthLive_AndLinksToTheOrleansDashboard()
    {
        await using var host = await DashboardHost.StartAsync(cluster);
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") { lock (errors) { errors.Add(message.Text + " " + message.Location); } } };
        page.PageError += (_, error) => { lock (errors) { errors.Add(error); } };
        SetTimeouts(page);

        await page.GotoAsync(new Uri(host.BaseAddress, "/dashboard").ToString());

        // Every source's card, each with its figures.
        var exceptions = page.Locator("[data-source='Exception queue']");
        await Expect(exceptions.Locator("[data-figure='exceptions.by_category']")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-source='ERP posting'] [data-figure='erp.posting.queue']")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-source='Settlements and posting latency'] [data-figure='settlement.match_rate']")).ToBeVisibleAsync();
        await Expect(page.Locator("#live-dot")).ToHaveClassAsync("live");

        // Grain health is the Orleans Dashboard's, one click away.
        var link = page.Locator("#orleans-dashboard");
        await Expect(link).ToBeVisibleAsync();
        await Expect(link).ToHaveTextAsync("Grain health (Orleans Dashboard)");
        await Expect(link).ToHaveAttributeAsync("href", "/dashboard/orleans");

        // A figure that moves without a reload: an exception raised now appears under its category and owner.
        var unknownSku = exceptions.Locator("[data-figure='exceptions.by_category'] li[data-key='UnknownSku']");
        await Expect(unknownSku).ToHaveCountAsync(0);
        await host.Grains.GetGrain<IExceptionQueueGrain>(IExceptionQueueGrain.GlobalKey)
            .RaiseAsync(new ExceptionReport(ExceptionCategory.UnknownSku, "sku:SKU-NEW@web", "Unknown SKU SKU-NEW", "corr-browser-1", ["web-1"]));
        await Expect(unknownSku).ToHaveTextAsync("UnknownSku: 1");
        await Expect(exceptions.Locator("[data-figure='exceptions.by_owner'] li[data-key='e-commerce']")).ToHaveTextAsync("e-commerce: 1");

        var screenshot = Chromium.ArtefactPath("dashboard.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        output.WriteLine($"Dashboard screenshot: {screenshot}");
        Console.WriteLine($"Dashboard screenshot: {screenshot}");
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot holds a rendered page");

        // Following the link leaves Parity's page for the host's Orleans Dashboard (a stand-in in this test host).
        await link.ClickAsync();
        await page.WaitForURLAsync(new Uri(host.BaseAddress, "/dashboard/orleans").ToString());
        await Expect(page.Locator("body")).ToContainTextAsync(DashboardHost.OrleansDashboardStandIn);
        lock (errors)
        {
            Assert.True(errors.Count == 0, "browser errors: " + string.Join(" | ", errors));
        }
    }

    [Fact]
    public async Task Dashboard_OutsideDevelopment_AsksForTheLogin_ThenShowsBusinessHealth()
    {
        await using var host = await DashboardHost.StartAsync(cluster, o =>
        {
            o.Environment = "Production";
            o.Settings["Parity:Dashboard:Username"] = "ops";
            o.Settings["Parity:Dashboard:Password"] = "correct horse battery";
        });
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();
        SetTimeouts(page);

        await page.GotoAsync(new Uri(host.BaseAddress, "/dashboard").ToString());

        await Expect(page.Locator("#signin")).ToBeVisibleAsync();
        await Expect(page.Locator("main")).ToBeHiddenAsync();
        await page.FillAsync("#login-username", "ops");
        await page.FillAsync("#login-password", "wrong");
        await page.ClickAsync("#login-form button");
        await Expect(page.Locator("#signin-error")).ToContainTextAsync("wrong");

        await page.FillAsync("#login-password", "correct horse battery");
        await page.ClickAsync("#login-form button");
        await Expect(page.Locator("#signin")).ToBeHiddenAsync();
        await Expect(page.Locator("[data-source='Exception queue'] [data-figure='exceptions.by_category']")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ArtefactPath("dashboard-login.png"), FullPage = true });

        // The same sign-in opens the Orleans Dashboard.
        await page.ClickAsync("#orleans-dashboard");
        await Expect(page.Locator("body")).ToContainTextAsync(DashboardHost.OrleansDashboardStandIn);
    }

    private static void SetTimeouts(IPage page)
    {
        // Generous: the machine may be busy, and every wait ends as soon as its condition holds.
        page.SetDefaultTimeout(20_000);
        Assertions.SetDefaultExpectTimeout(20_000);
    }
}
