using Parity.LoadTest.Cli;
using Parity.LoadTest.Hosting;
using Parity.LoadTest.Scenarios;

namespace Parity.LoadTest.Tests.Scenarios;

public sealed class FlashSaleInProcessTests
{
    [Fact]
    public async Task FlashSale_MemoryStore_SellsOutWithEveryInvariantZero()
    {
        // 300 units (SafetyStock 30) against about 480 requests of 1–2 units: the sale sells out, the marketplaces hit
        // their caps and the unprotected tiers reach the SafetyStock — exactly where an oversell or breach would appear.
        var settings = new LoadTestSettings
        {
            Store = StoreKind.Memory,
            StartRate = 60,
            PeakRate = 200,
            Ramp = TimeSpan.FromSeconds(1),
            Duration = TimeSpan.FromSeconds(3),
            WarmUpRequests = 20,
            Ceiling = true,
            Sale = new FlashSaleOptions { Stock = 300, SafetyStock = 30, MaxQuantity = 2 },
        };

        var report = await new LoadTestRunner(settings, new SilentObserver(), TimeProvider.System).RunAsync(CancellationToken.None);

        Assert.True(report.Invariants.Holds, string.Join("; ", report.Invariants.Details));
        Assert.Equal(0, report.Invariants.Oversold);
        Assert.Equal(0, report.Invariants.SafetyStockBreaches);
        Assert.Equal(0, report.Invariants.CapBreaches);
        Assert.Equal(0, report.Invariants.LostAcknowledgements);
        Assert.Equal(0, report.Invariants.DuplicatePostings);
        Assert.True(report.Attempts >= 400, $"{report.Attempts} attempts");
        Assert.Equal(0, report.Errors);
        Assert.True(report.Accepted > 50, $"{report.Accepted} accepted");
        Assert.True(report.Rejected > 50, $"{report.Rejected} rejected: the sale must sell out");
        Assert.Equal(report.Attempts, report.Accepted + report.Rejected);
        Assert.NotNull(report.Ceiling);
        Assert.Equal(report.Attempts, report.Ceiling.Accepted);
        Assert.Null(report.Baseline);

        // The collections of the run are reported with the pause they cost, a share of the run's time.
        var gc = Assert.IsType<GcFigures>(report.Server?.Gc);
        Assert.True(gc.Gen0 >= gc.Gen1 && gc.Gen1 >= gc.Gen2 && gc.Gen2 >= 0, $"{gc}");
        Assert.InRange(gc.PausePercent, 0, 100);
        Assert.True(gc.PauseMs >= 0, $"{gc}");

        // The silo's figures come from its meters: every decision was a grain call Orleans timed; the memory journal
        // publishes no append counters, so those figures are absent rather than zero.
        var server = report.Server!;
        Assert.NotNull(server.GrainCalls);
        Assert.True(server.GrainCalls.Calls >= report.Attempts, $"{server.GrainCalls.Calls} grain calls for {report.Attempts} attempts");
        Assert.True(server.GrainCalls.LatencyMs.P50 > 0 && server.GrainCalls.LatencyMs.P99 >= server.GrainCalls.LatencyMs.P50, $"{server.GrainCalls}");
        Assert.Null(server.Appends);
        Assert.Null(server.EventsPerAppend);
    }

    [Fact]
    public async Task FlashSale_SqliteStore_ReportsTheJournalsAppendsAndEventsPerAppend()
    {
        // The embedded default's storage in one SQLite file: the journal's counters on the Parity.Journal meter give the
        // run's appends, each carrying at least one decision.
        var settings = new LoadTestSettings
        {
            Store = StoreKind.Sqlite,
            StartRate = 100,
            PeakRate = 100,
            Ramp = TimeSpan.Zero,
            Duration = TimeSpan.FromSeconds(2),
            WarmUpRequests = 10,
            Sale = new FlashSaleOptions { Stock = 150, SafetyStock = 15 },
        };

        var report = await new LoadTestRunner(settings, new SilentObserver(), TimeProvider.System).RunAsync(CancellationToken.None);

        Assert.True(report.Invariants.Holds, string.Join("; ", report.Invariants.Details));
        Assert.Equal(0, report.Errors);
        Assert.Equal(200, report.Attempts);
        var server = report.Server!;
        Assert.NotNull(server.Appends);
        Assert.True(server.Appends > 0, $"{server.Appends} appends");
        Assert.True(server.EventsPerAppend >= 1, $"{server.EventsPerAppend} events per append");
        Assert.True(server.GrainCalls?.Calls >= report.Attempts, $"{server.GrainCalls}");
    }

    [Fact]
    public void GcFigures_Since_IsTheDifference_AndThePauseAsAShareOfTheRun()
    {
        var before = new GcFigures(10, 5, 1, 100, 0);
        var after = new GcFigures(15, 6, 1, 150, 0);

        Assert.Equal(new GcFigures(5, 1, 0, 50, 5), after.Since(before, TimeSpan.FromSeconds(1)));
    }
}
