using Parity.Runtime.Inspection;
using Parity.Runtime.Statistics;
using Parity.Runtime.Tests.Grains;
using Parity.Runtime.Tests.Testing;

namespace Parity.Runtime.Tests.Statistics;

public sealed class ClusterStatisticsTests
{
    [Fact]
    public async Task Snapshot_RatesAndRecentPercentiles_CoverOnlyTheIntervalSinceThePreviousSnapshot()
    {
        await using var cluster = await Clusters.StartAsync();
        var statistics = cluster.Silos[0].Statistics;
        var ledger = cluster.GrainFactory.GetGrain<ILedgerGrain>("interval");
        await ledger.DepositAsync(1, "warm-up");
        statistics.GetSnapshot();

        for (var i = 0; i < 20; i++)
        {
            await ledger.DepositAsync(1, "d" + i);
        }

        var busy = statistics.GetSnapshot();
        var quiet = statistics.GetSnapshot();

        var busyDeposit = busy.Methods.Single(m => m.GrainType == "ledger" && m.Method == nameof(ILedgerGrain.DepositAsync));
        Assert.True(busyDeposit.CallsPerSecond > 0);
        Assert.True(busyDeposit.RecentP99Ms >= busyDeposit.RecentP50Ms && busyDeposit.RecentP50Ms > 0);
        Assert.True(busy.CallsPerSecond > 0 && busy.RecentP99Ms > 0);
        Assert.True(busy.Storage.AppendsPerSecond > 0);
        Assert.Equal("ledger/interval", busy.HotGrains[0].GrainId);

        var quietDeposit = quiet.Methods.Single(m => m.GrainType == "ledger" && m.Method == nameof(ILedgerGrain.DepositAsync));
        Assert.Equal(0, quietDeposit.CallsPerSecond);
        Assert.Equal(0, quietDeposit.RecentP99Ms);
        Assert.Equal(21, quietDeposit.Calls);
        Assert.True(quietDeposit.P99Ms > 0, "the since-start percentiles stay");
        Assert.True(quiet.GcHeapBytes > 0);
        Assert.NotNull(quiet.Reminders);
    }

    [Fact]
    public async Task Publisher_SendsEverySilosSnapshotToTheClusterStatisticsGrain()
    {
        await using var cluster = await Clusters.StartAsync(2, o => o.ConfigureOptions = s => s.StatisticsPublishPeriod = TimeSpan.FromMilliseconds(100));
        for (var i = 0; i < 20; i++)
        {
            await cluster.GrainFactory.GetGrain<ILedgerGrain>("spread-" + i).DepositAsync(1, "d");
        }

        var grain = cluster.GrainFactory.GetGrain<IClusterStatisticsGrain>(IClusterStatisticsGrain.ClusterKey);
        ClusterStatisticsView? view = null;
        await Clusters.WaitUntilAsync(async () =>
        {
            view = await grain.GetAsync();
            // A silo's latest snapshot may predate the last deposits (it publishes on its own timer): wait for all 20.
            return view.Silos.Count == 2
                && view.Silos.All(s => s.Latest.GrainTypes.Any(t => t.GrainType == "ledger" && t.Activations > 0))
                && view.Silos.Sum(s => s.Latest.GrainTypes.Single(t => t.GrainType == "ledger").Activations) >= 20;
        }, because: "both silos publish all their ledger activations");

        Assert.Equal(cluster.Silos.Select(s => s.Address.ToString()).Order(), view!.Silos.Select(s => s.Latest.Silo).Order());
        Assert.All(view.Silos, s => Assert.Equal("Active", s.Status));
        Assert.Equal(20, view.Silos.Sum(s => s.Latest.GrainTypes.Single(t => t.GrainType == "ledger").Activations));
        Assert.NotEmpty(view.History);
    }

    [Fact]
    public async Task ClusterStatistics_ShowASiloThatLeftTheViewAsDead()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var grain = cluster.GrainFactory.GetGrain<IClusterStatisticsGrain>(IClusterStatisticsGrain.ClusterKey);
        foreach (var silo in cluster.Silos)
        {
            await silo.PublishStatisticsAsync();
        }

        // Kill the silo that does not host the statistics grain (its only activation), so the figures survive.
        Assert.Equal(2, (await grain.GetAsync()).Silos.Count);
        var host = cluster.Silos.Single(s => s.ActivationCount > 0);
        var victim = cluster.Silos.First(s => s != host);
        await cluster.KillSiloAsync(victim);

        var view = await grain.GetAsync();
        Assert.Equal("Dead", view.Silos.Single(s => s.Latest.Silo == victim.Address.ToString()).Status);
        Assert.Equal("Active", view.Silos.Single(s => s.Latest.Silo == host.Address.ToString()).Status);
    }

    [Fact]
    public async Task Inspection_OfAJournaledGrain_ReturnsItsStateAndLastEventsWithLineage()
    {
        await using var cluster = await Clusters.StartAsync(2);
        RequestContext.CorrelationId = "corr-inspect";
        try
        {
            for (var i = 0; i < 5; i++)
            {
                await cluster.GrainFactory.GetGrain<ILedgerGrain>("inspected").DepositAsync(10, "d" + i);
            }
        }
        finally
        {
            RequestContext.Clear();
        }

        var inspection = await cluster.GrainFactory.GetGrain<IGrainInspectorGrain>("any").InspectAsync("ledger/inspected", 3);

        Assert.Equal("journaled", inspection.Kind);
        Assert.Equal(5, inspection.ConfirmedVersion);
        Assert.Contains("50", inspection.StateJson);
        Assert.Equal([3L, 4L, 5L], inspection.Events.Select(e => e.Sequence));
        Assert.All(inspection.Events, e => Assert.Equal("corr-inspect", e.Metadata.CorrelationId));
        Assert.Contains(inspection.Silo, cluster.Silos.Select(s => s.Address.ToString()));
        await Assert.ThrowsAsync<ArgumentException>(() => cluster.GrainFactory.GetGrain<IGrainInspectorGrain>("any").InspectAsync("nothing/x", 3));
    }
}
