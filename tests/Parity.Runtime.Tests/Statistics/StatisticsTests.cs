using Parity.Runtime.Tests.Grains;
using Parity.Runtime.Tests.Testing;

namespace Parity.Runtime.Tests.Statistics;

public sealed class StatisticsTests
{
    [Fact]
    public async Task Snapshot_CountsCallsErrorsActivationsHotGrainsAndAppends()
    {
        await using var cluster = await Clusters.StartAsync();
        var hot = cluster.GrainFactory.GetGrain<ILedgerGrain>("stats-hot");
        for (var i = 0; i < 30; i++)
        {
            await hot.DepositAsync(1, "d" + i);
        }

        await cluster.GrainFactory.GetGrain<ILedgerGrain>("stats-cold").DepositAsync(1, "x");
        await Assert.ThrowsAsync<InvalidOperationException>(() => cluster.GrainFactory.GetGrain<IProbeGrain>("stats-err").FailAsync("no"));

        var snapshot = cluster.Silos[0].Statistics.GetSnapshot(topGrains: 2);

        var deposit = Assert.Single(snapshot.Methods, m => m.GrainType == "ledger" && m.Method == nameof(ILedgerGrain.DepositAsync));
        Assert.Equal(31, deposit.Calls);
        Assert.True(deposit.P99Ms >= deposit.P50Ms && deposit.P50Ms > 0);
        Assert.Equal(1, Assert.Single(snapshot.Methods, m => m.Method == nameof(IProbeGrain.FailAsync)).Errors);
        Assert.Equal(2, Assert.Single(snapshot.GrainTypes, t => t.GrainType == "ledger").Activations);
        Assert.Equal("ledger/stats-hot", snapshot.HotGrains[0].GrainId);
        Assert.Equal(31, snapshot.Storage.Events);
        Assert.True(snapshot.Storage.Appends >= 2);
        Assert.Equal(3, snapshot.Activations);
    }
}

public sealed class TracingTests
{
    [Fact]
    public async Task GrainCall_WithListener_EmitsActivityWithGrainAndCorrelation()
    {
        var seen = new List<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == "Parity.Runtime",
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllData,
            ActivityStopped = a => { lock (seen) { seen.Add(a); } },
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        await using var cluster = await Clusters.StartAsync();
        RequestContext.CorrelationId = "trace-1";
        try
        {
            await cluster.GrainFactory.GetGrain<IProbeGrain>("traced").GetCorrelationIdAsync();
        }
        finally
        {
            RequestContext.Clear();
        }

        await Clusters.WaitUntilAsync(() => { lock (seen) { return seen.Any(a => a.DisplayName == "ProbeGrain/GetCorrelationIdAsync"); } });
        lock (seen)
        {
            var activity = seen.First(a => a.DisplayName == "ProbeGrain/GetCorrelationIdAsync");
            Assert.Equal("ProbeGrain/traced", activity.GetTagItem("parity.grain.id"));
            Assert.Equal("trace-1", activity.GetTagItem("parity.correlation_id"));
        }
    }
}
