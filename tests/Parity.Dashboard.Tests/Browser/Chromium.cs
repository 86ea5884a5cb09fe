using Microsoft.Playwright;

namespace Parity.Dashboard.Tests.Browser;

/// <summary>
/// Debian's headless Chromium driven by Playwright (no browser download: the executable path points at the system
/// package). A missing browser fails the test, in CI and locally alike: a skipped browser test proves nothing.
/// </summary>
internal static class Chromium
{
    /// <summary>Where the browser is: <c>PARITY_CHROMIUM</c>, else Debian's <c>/usr/bin/chromium</c>.</summary>
    public static string ExecutablePath => Environment.GetEnvironmentVariable("PARITY_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        Assert.True(File.Exists(ExecutablePath),
            $"Chromium is not installed at {ExecutablePath}: run `apt-get install -y chromium` (.ci/run does) or set PARITY_CHROMIUM.");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // Tests run as root in CI, where Chromium's sandbox cannot start.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
        return (playwright, browser);
    }

    /// <summary>Where screenshots are kept: TestResults/ under the test's output directory.</summary>
    public static string ArtefactPath(string fileName)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "TestResults");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, fileName);
    }
}
