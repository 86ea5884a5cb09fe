using Microsoft.Playwright;
using Parity.Dashboard.Tests.Testing;
using Parity.GrainInterfaces.Inventory;
using Parity.Runtime;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Parity.Dashboard.Tests.Browser;

public sealed class DashboardBrowserTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Dashboard_InHeadlessChromium_ShowsTheClusterLive_AndLooksUpAGrain()
    {
        await using var host = await DashboardHost.StartAsync(o => o.Silos = 3);
        var position = host.Grains.GetGrain<IInventoryPositionGrain>("SKU-LOOK@STORE-5");
        RequestContext.CorrelationId = "corr-browser-1";
        try
        {
            await position.ReceiveAsync("rcv-browser-1", 4, "PO-7");
        }
        finally
        {
            RequestContext.Clear();
        }

        await using var load = Load.Start(host.Grains);
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") { lock (errors) { errors.Add(message.Text + " " + message.Location); } } };
        page.PageError += (_, error) => { lock (errors) { errors.Add(error); } };
        SetTimeouts(page);

        await page.GotoAsync(new Uri(host.BaseAddress, "/dashboard").ToString());

        // Cluster overview: all three silos, and a figure that moves without a reload.
        await Expect(page.Locator("#silos tbody tr")).ToHaveCountAsync(3);
        foreach (var silo in host.Cluster.Silos)
        {
            await Expect(page.Locator($"#silos tr[data-silo='{silo.Address}'] td.status-Active")).ToBeVisibleAsync();
        }

        var before = await page.Locator("#total-calls").TextContentAsync();
        await Expect(page.Locator("#total-calls")).Not.ToHaveTextAsync(before!);
        Assert.True(await page.EvaluateAsync<bool>(
            "() => { const c = document.getElementById('chart-calls'); return c.getContext('2d').getImageData(0, 0, c.width, c.height).data.some(v => v !== 0); }"),
            "the calls/s chart is drawn");

        // Grain types: the inventory positions, on several silos, with their methods.
        await page.ClickAsync("a[data-tab='grain-types']");
        await Expect(page.Locator("#grain-types tr[data-grain-type='inventory-position']")).ToBeVisibleAsync();
        await Expect(page.Locator("#methods tr[data-method='inventory-position.ReceiveAsync']")).ToBeVisibleAsync();

        // Hot grains: the flash-sale position leads.
        await page.ClickAsync("a[data-tab='hot-grains']");
        await Expect(page.Locator("#hot-grains tbody tr").First).ToHaveAttributeAsync("data-grain-id", "inventory-position/" + Load.HotKey);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ArtefactPath("dashboard-hot-grains.png"), FullPage = true });

        // Grain lookup, from the hot list and by hand: state and events with their correlation ids.
        await page.Locator("#hot-grains tbody tr").First.Locator("a.inspect").ClickAsync();
        await Expect(page.Locator("#lookup-summary")).ToContainTextAsync("inventory-position/" + Load.HotKey);
        await page.FillAsync("#lookup-type", "inventory-position");
        await page.FillAsync("#lookup-key", "SKU-LOOK@STORE-5");
        await page.ClickAsync("#lookup-go");
        await Expect(page.Locator("#lookup-summary")).ToContainTextAsync("inventory-position/SKU-LOOK@STORE-5");
        await Expect(page.Locator("#lookup-events-table .event-correlation", new PageLocatorOptions { HasText = "corr-browser-1" }).First).ToBeVisibleAsync();
        await Expect(page.Locator("#lookup-state")).ToContainTextAsync("\"onHand\": 4");

        // The overview once more for the screenshot kept as the test's artefact.
        await page.ClickAsync("a[data-tab='overview']");
        await Expect(page.Locator("#silos tbody tr")).ToHaveCountAsync(3);
        await page.WaitForTimeoutAsync(1500);
        var screenshot = Chromium.ArtefactPath("dashboard.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        output.WriteLine($"Dashboard screenshot: {screenshot}");
        Console.WriteLine($"Dashboard screenshot: {screenshot}");
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot holds a rendered page");
        lock (errors)
        {
            Assert.True(errors.Count == 0, "browser errors: " + string.Join(" | ", errors));
        }
    }

    [Fact]
    public async Task Dashboard_OutsideDevelopment_AsksForTheLogin_ThenShowsTheCluster()
    {
        await using var host = await DashboardHost.StartAsync(o =>
        {
            o.Silos = 2;
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
        await Expect(page.Locator("#silos tbody tr")).ToHaveCountAsync(2);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ArtefactPath("dashboard-login.png"), FullPage = true });
    }

    private static void SetTimeouts(IPage page)
    {
        // Generous: the machine may be busy, and every wait ends as soon as its condition holds.
        page.SetDefaultTimeout(20_000);
        Assertions.SetDefaultExpectTimeout(20_000);
    }
}
