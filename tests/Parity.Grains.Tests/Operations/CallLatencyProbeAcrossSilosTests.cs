using Parity.GrainInterfaces.Operations;
using Parity.Grains.Tests.Testing;

namespace Parity.Grains.Tests.Operations;

[Collection(DurableClusterCollection.Name)]
public sealed class CallLatencyProbeAcrossSilosTests(DurableClusterFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.RestoreSilosAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Measures_calls_to_ledgers_on_another_silo_from_the_probe_s_own_silo()
    {
        var grains = fixture.Cluster.GrainFactory;
        var probe = grains.GetGrain<ICallLatencyProbeGrain>($"probe-{Guid.NewGuid():N}");
        var probeSilo = await probe.GetSiloAsync();
        string? targetSilo = null;
        var remote = new List<string>();
        for (var i = 0; remote.Count < 3; i++)
        {
            Assert.True(i < 500, "500 ledgers and not three of them on one other silo");
            var ledger = $"ledger-{Guid.NewGuid():N}";
            var summary = await grains.GetGrain<IProbeLedgerGrain>(ledger).GetSummaryAsync();
            if (summary.Silo != probeSilo && (targetSilo ??= summary.Silo) == summary.Silo)
            {
                remote.Add(ledger);
            }
        }

        var report = await probe.MeasureAsync(remote, TimeSpan.FromMilliseconds(300));

        Assert.Equal(probeSilo, report.CallerSilo);
        Assert.NotEqual(probeSilo, targetSilo);
        Assert.Equal(targetSilo, Assert.Single(report.TargetSilos));
        Assert.True(report.Calls > 0, "no call completed");
        Assert.InRange(report.P50Milliseconds, double.Epsilon, report.P99Milliseconds);
        Assert.Equal(report.Calls / report.Seconds, report.CallsPerSecond, 6);
    }
}
