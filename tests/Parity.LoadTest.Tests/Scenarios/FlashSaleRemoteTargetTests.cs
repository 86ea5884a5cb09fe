using Parity.LoadTest.Cli;
using Parity.LoadTest.Hosting;
using Parity.LoadTest.Scenarios;

namespace Parity.LoadTest.Tests.Scenarios;

public sealed class FlashSaleRemoteTargetTests
{
    [Fact]
    public async Task FlashSale_AgainstAGatewayUrl_DrivesItWithTheAdminKeyAndChecksThePositions()
    {
        // A gateway the runner did not start: it only knows the URL and an admin key, names each request's channel in
        // the body, and reads the positions back over HTTP (no journal access).
        await using var gateway = await InProcessHost.StartAsync(new InProcessHostOptions(StoreKind.Memory, []));
        var settings = new LoadTestSettings
        {
            Gateway = gateway.BaseAddress,
            ApiKey = LoadTestKeys.Admin,
            StartRate = 100,
            PeakRate = 100,
            Ramp = TimeSpan.Zero,
            Duration = TimeSpan.FromSeconds(2),
            WarmUpRequests = 10,
            Sale = new FlashSaleOptions { Stock = 150, SafetyStock = 15 },
        };

        var report = await new LoadTestRunner(settings, new SilentObserver(), TimeProvider.System).RunAsync(CancellationToken.None);

        Assert.Equal(gateway.BaseAddress.ToString(), report.Target);
        Assert.Null(report.Server);
        Assert.True(report.Invariants.Holds, string.Join("; ", report.Invariants.Details));
        Assert.Equal(0, report.Errors);
        Assert.Equal(200, report.Attempts);
        Assert.True(report.Accepted is > 50 and <= 150, $"{report.Accepted} accepted of 150 units");
        Assert.Equal(report.Attempts, report.Accepted + report.Rejected);
    }
}
