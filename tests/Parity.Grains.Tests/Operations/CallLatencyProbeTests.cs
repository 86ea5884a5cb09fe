using Parity.GrainInterfaces.Operations;
using Parity.Grains.Tests.Testing;

namespace Parity.Grains.Tests.Operations;

[Collection(ClusterCollection.Name)]
public sealed class CallLatencyProbeTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Calls_every_ledger_at_least_once_even_when_the_duration_ends_before_a_caller_starts()
    {
        // What a starved thread pool does to a short measurement, made certain: the deadline passes at once.
        var probe = fixture.Cluster.GrainFactory.GetGrain<ICallLatencyProbeGrain>($"probe-{Guid.NewGuid():N}");

        var report = await probe.MeasureAsync([$"ledger-a-{Guid.NewGuid():N}", $"ledger-b-{Guid.NewGuid():N}"], TimeSpan.FromTicks(1));

        Assert.True(report.Calls >= 2, $"{report.Calls} call(s) for two ledgers");
        Assert.Equal([await probe.GetSiloAsync()], report.TargetSilos);
    }

    [Fact]
    public async Task Refuses_an_empty_ledger_list_and_an_unbounded_duration()
    {
        var probe = fixture.Cluster.GrainFactory.GetGrain<ICallLatencyProbeGrain>("probe");

        var empty = await Assert.ThrowsAnyAsync<ArgumentException>(() => probe.MeasureAsync([], TimeSpan.FromSeconds(1)));
        Assert.Contains("at least one probe ledger", empty.Message, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<ArgumentException>(() => probe.MeasureAsync(["ledger"], TimeSpan.FromMinutes(1)));
    }
}
