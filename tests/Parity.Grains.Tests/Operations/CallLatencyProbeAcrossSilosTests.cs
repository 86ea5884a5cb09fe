using Parity.GrainInterfaces.Operations;
using Parity.Grains.Tests.Testing;
using static Parity.Grains.Tests.Testing.InventoryCluster;

namespace Parity.Grains.Tests.Operations;

[Collection(DurableClusterCollection.Name)]
public sealed class CallLatencyProbeAcrossSilosTests(DurableClusterFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.RestoreSilosAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Measures_calls_to_ledgers_on_another_silo_from_the_probe_s_own_silo()
    {
        var cluster = fixture.Cluster;
        var probe = cluster.GrainFactory.GetGrain<ICallLatencyProbeGrain>($"probe-{Guid.NewGuid():N}");
        var probeSilo = await ActivatingOnAsync(cluster.Primary!, probe.GetSiloAsync);
        var remote = Enumerable.Range(0, 3).Select(_ => $"ledger-{Guid.NewGuid():N}").ToList();
        var targetSilos = new HashSet<string>();
        foreach (var ledger in remote)
        {
            var summary = await ActivatingOnAsync(fixture.Secondary, () => cluster.GrainFactory.GetGrain<IProbeLedgerGrain>(ledger).GetSummaryAsync());
            targetSilos.Add(summary.Silo);
        }

        var report = await probe.MeasureAsync(remote, TimeSpan.FromMilliseconds(300));

        var targetSilo = Assert.Single(targetSilos);
        Assert.NotEqual(probeSilo, targetSilo);
        Assert.Equal(probeSilo, report.CallerSilo);
        Assert.Equal(targetSilo, Assert.Single(report.TargetSilos));
        Assert.True(report.Calls > 0, "no call completed");
        Assert.InRange(report.P50Milliseconds, double.Epsilon, report.P99Milliseconds);
        Assert.Equal(report.Calls / report.Seconds, report.CallsPerSecond, 6);
    }
}
