using Parity.LoadTest.Baseline;
using Parity.LoadTest.Cli;
using Parity.LoadTest.Hosting;
using Parity.LoadTest.Scenarios;
using Parity.TestInfrastructure;

namespace Parity.LoadTest.Tests.Baseline;

[Collection(PostgresServerFixture.CollectionName)]
public sealed class SqlRowLockBaselineTests(PostgresServerFixture postgres)
{
    [Fact]
    public async Task TryReserve_ManyConcurrentCallers_NeverGoesBelowZero()
    {
        await using var store = new SqlRowLockStore(await postgres.CreateDatabaseAsync("rowlock"));
        await store.SeedAsync([("HOT", "DC-1")], 50);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => store.TryReserveAsync("HOT", "DC-1", 1)));

        Assert.Equal(50, outcomes.Count(accepted => accepted));
        Assert.Equal(0, await store.AvailableAsync("HOT", "DC-1"));
    }

    [Fact]
    public async Task TryReserve_QuantityBeyondWhatIsLeft_IsRefusedAndLeavesTheRow()
    {
        await using var store = new SqlRowLockStore(await postgres.CreateDatabaseAsync("rowlock"));
        await store.SeedAsync([("HOT", "DC-1")], 10);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => store.TryReserveAsync("HOT", "DC-1", 3)));

        Assert.Equal(3, outcomes.Count(accepted => accepted));
        Assert.Equal(1, await store.AvailableAsync("HOT", "DC-1"));
    }

    [Fact]
    public async Task TryReserveAll_OneLineShort_TakesNothing()
    {
        await using var store = new SqlRowLockStore(await postgres.CreateDatabaseAsync("rowlock"));
        await store.SeedAsync([("A", "DC-1"), ("B", "DC-1")], 2);

        Assert.False(await store.TryReserveAllAsync([("A", "DC-1", 1), ("B", "DC-1", 3)]));

        Assert.Equal(2, await store.AvailableAsync("A", "DC-1"));
        Assert.Equal(2, await store.AvailableAsync("B", "DC-1"));
    }

    [Fact]
    public async Task FlashSale_BaselineThroughTheGateway_SellsOutWithoutGoingBelowZero()
    {
        // The same HTTP stack (the in-process host's Kestrel, keys and pipeline) in front of the sql-row-lock design.
        var database = await postgres.CreateDatabaseAsync("baseline");
        var settings = new LoadTestSettings
        {
            Store = StoreKind.Memory,
            PostgresConnectionString = database,
            StartRate = 100,
            PeakRate = 100,
            Ramp = TimeSpan.Zero,
            Duration = TimeSpan.FromSeconds(2),
            WarmUpRequests = 10,
            Baseline = true,
            Sale = new FlashSaleOptions { Stock = 120, SafetyStock = 0 },
        };

        var report = await new LoadTestRunner(settings, new SilentObserver(), TimeProvider.System).RunAsync(CancellationToken.None);

        var baseline = report.Baseline;
        Assert.NotNull(baseline);
        Assert.Equal(0, baseline.Invariants.Oversold);
        Assert.Equal(0, baseline.Invariants.LostAcknowledgements);
        Assert.Equal(0, baseline.Errors);
        Assert.Equal(120, baseline.Accepted);
        Assert.True(baseline.Rejected > 50, $"{baseline.Rejected} rejected");
        Assert.True(report.Invariants.Holds, string.Join("; ", report.Invariants.Details));
    }
}
