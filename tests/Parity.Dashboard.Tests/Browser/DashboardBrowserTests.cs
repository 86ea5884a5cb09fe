using Microsoft.Playwright;
using Parity.Dashboard.Tests.Testing;
using Parity.GrainInterfaces.Exceptions;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parity.Dashboard.Tests.Browser;

/// <summary>Parity's dashboard in a real browser, served by a silo's web host beside the Orleans Dashboard.</summary>
[Collection(SiloHosts.CollectionName)]
public sealed class DashboardBrowserTests(SiloHosts hosts, ITestOutputHelper output)
{
    [Fact]
    public async Task Dashboard_InHeadlessChromium_ShowsBusinessHealthLive_AndLinksToTheOrleansDashboard()
    {
        var host = await hosts.DevelopmentAsync();
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

        // A figure that moves without a reload: an exception raised now appears under its category and its owner.
        var negativeStock = exceptions.Locator("[data-figure='exceptions.by_category'] li[data-key='NegativeStock']");
        await Expect(negativeStock).ToHaveCountAsync(0);
        await host.Grains.GetGrain<IExceptionQueueGrain>(IExceptionQueueGrain.GlobalKey)
            .RaiseAsync(new ExceptionReport(ExceptionCategory.NegativeStock, "neg:SKU-B@STORE-2", "Sold beyond on hand", "corr-browser-1", ["pos-b"]));
        await Expect(negativeStock).ToHaveTextAsync("NegativeStock: 1");
        await Expect(exceptions.Locator("[data-figure='exceptions.by_owner'] li[data-key='store ops']")).ToHaveTextAsync("store ops: 1");

        // Grain health is the Orleans Dashboard's, one click away.
        var link = page.Locator("#orleans-dashboard");
        await Expect(link).ToHaveTextAsync("Grain health (Orleans Dashboard)");
        await Expect(link).ToHaveAttributeAsync("href", "/dashboard/orleans");
        var screenshot = Chromium.ArtefactPath("dashboard.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        output.WriteLine($"Dashboard screenshot: {screenshot}");
        Console.WriteLine($"Dashboard screenshot: {screenshot}");
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot holds a rendered page");
        lock (errors)
        {
            // Parity's page only: what the Orleans Dashboard's own scripts log is not this page's to answer for.
            Assert.True(errors.Count == 0, "browser errors: " + string.Join(" | ", errors));
        }

        await link.ClickAsync();
        await Expect(page).ToHaveTitleAsync("Orleans Dashboard");
        Assert.Equal(new Uri(host.BaseAddress, "/dashboard/orleans/").ToString(), page.Url);
        // Rendered from the silo's data, not only served.
        await Expect(page.Locator("#content")).ToContainTextAsync("Active Silos");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ArtefactPath("dashboard-orleans.png"), FullPage = true });
    }

    [Fact]
    public async Task OrleansDashboard_OutsideDevelopment_SendsTheBrowserThroughParitysSignIn_AndBack()
    {
        var host = await hosts.ProductionAsync();
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();
        SetTimeouts(page);

        await page.GotoAsync(new Uri(host.BaseAddress, "/dashboard/orleans/").ToString());

        // Parity's sign-in, not the Orleans Dashboard.
        await Expect(page.Locator("#signin")).ToBeVisibleAsync();
        await Expect(page.Locator("main")).ToBeHiddenAsync();
        await page.FillAsync("#login-username", SiloHosts.Username);
        await page.FillAsync("#login-password", "wrong");
        await page.ClickAsync("#login-form button");
        await Expect(page.Locator("#signin-error")).ToContainTextAsync("wrong");

        await page.FillAsync("#login-password", SiloHosts.Password);
        await page.ClickAsync("#login-form button");
        await Expect(page).ToHaveTitleAsync("Orleans Dashboard");
        Assert.Equal(new Uri(host.BaseAddress, "/dashboard/orleans/").ToString(), page.Url);
        await Expect(page.Locator("#content")).ToContainTextAsync("Active Silos");

        // The same sign-in opens Parity's business health.
        await page.GotoAsync(new Uri(host.BaseAddress, "/dashboard").ToString());
        await Expect(page.Locator("#signin")).ToBeHiddenAsync();
        await Expect(page.Locator("[data-source='Exception queue'] [data-figure='exceptions.by_category']")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ArtefactPath("dashboard-login.png"), FullPage = true });
    }

    private static void SetTimeouts(IPage page)
    {
        // Generous: the machine may be busy, and every wait ends as soon as its condition holds.
        page.SetDefaultTimeout(20_000);
        Assertions.SetDefaultExpectTimeout(20_000);
    }
}
