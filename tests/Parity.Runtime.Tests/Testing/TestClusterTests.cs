using Parity.Runtime.Tests.Grains;
using Parity.Runtime.Tests.Testing;

namespace Parity.Runtime.Tests.Testing;

public sealed class TestClusterTests
{
    [Fact]
    public async Task KillSilo_InThreeSiloCluster_ItsGrainsAnswerFromOtherSilosWithConfirmedState()
    {
        await using var cluster = await Clusters.StartAsync(3);
        var keys = Enumerable.Range(0, 60).Select(i => $"kill-{i}-{Guid.NewGuid():N}").ToArray();
        foreach (var key in keys)
        {
            await cluster.GrainFactory.GetGrain<ILedgerGrain>(key).DepositAsync(5, "before");
        }

        var victim = cluster.Silos[1];
        var victimKeys = keys.Where(k => victim.Placement.IsLocalOwner(new GrainId("ledger", k))).ToArray();
        Assert.NotEmpty(victimKeys);

        await cluster.KillSiloAsync(victim);

        foreach (var key in keys)
        {
            var ledger = cluster.GrainFactory.GetGrain<ILedgerGrain>(key);
            Assert.Equal(5, (await ledger.GetAsync()).Balance);
            await ledger.DepositAsync(1, "after");
            Assert.Equal(6, (await ledger.GetAsync()).Balance);
        }

        Assert.All(cluster.Silos, s => Assert.NotEqual(victim.Address, s.Address));
        Assert.Equal(keys.Length, cluster.Silos.Sum(s => s.ActivationCount));
    }

    [Fact]
    public async Task KillSilo_CallsInFlightToIt_FailFastWithRetryableError()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var victim = cluster.Silos[0];
        var key = Enumerable.Range(0, 1000).Select(i => "inflight-" + i).First(k => victim.Placement.IsLocalOwner(new GrainId(nameof(ProbeGrain), k)));
        var call = cluster.GrainFactory.GetGrain<IProbeGrain>(key).BlockAsync("inflight-never");
        await Clusters.WaitUntilAsync(() => victim.ActivationCount == 1);

        await cluster.KillSiloAsync(victim);

        await Assert.ThrowsAsync<SiloUnavailableException>(() => call.WaitAsync(TimeSpan.FromSeconds(5)));
        ProbeGrain.Release("inflight-never");
    }

    [Fact]
    public async Task StopSilo_Gracefully_MovesGrainsWithTheirState()
    {
        await using var cluster = await Clusters.StartAsync(3);
        var keys = Enumerable.Range(0, 30).Select(i => $"stop-{i}-{Guid.NewGuid():N}").ToArray();
        foreach (var key in keys)
        {
            await cluster.GrainFactory.GetGrain<ICounterGrain>(key).IncrementAsync();
        }

        await cluster.StopSiloAsync(cluster.Silos[0]);

        foreach (var key in keys)
        {
            Assert.Equal(2, await cluster.GrainFactory.GetGrain<ICounterGrain>(key).IncrementAsync());
        }
    }

    [Fact]
    public async Task StartAdditionalSilo_MovesOnlySomeGrains_AndStateFollows()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var keys = Enumerable.Range(0, 60).Select(i => $"join-{i}-{Guid.NewGuid():N}").ToArray();
        foreach (var key in keys)
        {
            await cluster.GrainFactory.GetGrain<ILedgerGrain>(key).DepositAsync(3, "x");
        }

        var newcomer = await cluster.StartAdditionalSiloAsync();
        var moved = keys.Count(k => newcomer.Placement.IsLocalOwner(new GrainId("ledger", k)));

        Assert.InRange(moved, 1, keys.Length - 1);
        foreach (var key in keys)
        {
            Assert.Equal(3, (await cluster.GrainFactory.GetGrain<ILedgerGrain>(key).GetAsync()).Balance);
        }

        Assert.Equal(moved, newcomer.ActivationCount);
    }

    [Fact]
    public async Task Reminder_FiresOnOwningSilo_AndSurvivesItsDeath()
    {
        await using var cluster = await Clusters.StartAsync(2, o => o.ConfigureOptions = s => s.ReminderPollPeriod = TimeSpan.FromMilliseconds(50));
        var key = "remind-" + Guid.NewGuid();
        var grain = cluster.GrainFactory.GetGrain<IRemindedGrain>(key);
        await grain.RegisterAsync(TimeSpan.Zero, TimeSpan.FromMilliseconds(200));
        await Clusters.WaitUntilAsync(async () => await grain.GetFiredAsync() >= 1, because: "the reminder should fire");

        var owner = cluster.Silos.Single(s => s.Placement.IsLocalOwner(new GrainId(nameof(RemindedGrain), key)));
        await cluster.KillSiloAsync(owner);
        var firedBefore = await grain.GetFiredAsync();

        await Clusters.WaitUntilAsync(async () => await grain.GetFiredAsync() > firedBefore, because: "the surviving silo should take the reminder over");
    }
}
