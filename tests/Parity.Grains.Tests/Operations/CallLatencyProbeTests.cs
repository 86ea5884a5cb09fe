using Parity.GrainInterfaces.Operations;
using Parity.Grains.Tests.Testing;

namespace Parity.Grains.Tests.Operations;

public sealed class CallLatencyProbeTests
{
    [Fact]
    public async Task Measures_calls_to_ledgers_on_another_silo_from_the_probe_s_own_silo()
    {
        await using var cluster = await InventoryCluster.StartAsync(silos: 2);
        var probe = cluster.GrainFactory.GetGrain<ICallLatencyProbeGrain>("probe");
        var probeSilo = await probe.GetSiloAsync();
        var remote = new List<string>();
        for (var i = 0; remote.Count < 3; i++)
        {
            var summary = await cluster.GrainFactory.GetGrain<IProbeLedgerGrain>($"ledger-{i}").GetSummaryAsync();
            if (summary.Silo != probeSilo)
            {
                remote.Add($"ledger-{i}");
            }
        }

        var report = await probe.MeasureAsync(remote, TimeSpan.FromMilliseconds(300));

        Assert.Equal(probeSilo, report.CallerSilo);
        var target = Assert.Single(report.TargetSilos);
        Assert.NotEqual(probeSilo, target);
        Assert.True(report.Calls > 0, "no call completed");
        Assert.InRange(report.P50Milliseconds, double.Epsilon, report.P99Milliseconds);
        Assert.Equal(report.Calls / report.Seconds, report.CallsPerSecond, 6);
    }

    [Fact]
    public async Task Calls_every_ledger_at_least_once_even_when_the_duration_ends_before_a_caller_starts()
    {
        // What a starved thread pool does to a short measurement, made certain: the deadline passes at once.
        await using var cluster = await InventoryCluster.StartAsync();
        var probe = cluster.GrainFactory.GetGrain<ICallLatencyProbeGrain>("probe");

        var report = await probe.MeasureAsync(["ledger-a", "ledger-b"], TimeSpan.FromTicks(1));

        Assert.True(report.Calls >= 2, $"{report.Calls} call(s) for two ledgers");
        Assert.Equal([await probe.GetSiloAsync()], report.TargetSilos);
    }

    [Fact]
    public async Task Refuses_an_empty_ledger_list_and_an_unbounded_duration()
    {
        await using var cluster = await InventoryCluster.StartAsync();
        var probe = cluster.GrainFactory.GetGrain<ICallLatencyProbeGrain>("probe");

        var empty = await Assert.ThrowsAnyAsync<ArgumentException>(() => probe.MeasureAsync([], TimeSpan.FromSeconds(1)));
        Assert.Contains("at least one probe ledger", empty.Message, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<ArgumentException>(() => probe.MeasureAsync(["ledger"], TimeSpan.FromMinutes(1)));
    }
}
