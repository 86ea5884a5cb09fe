using Microsoft.Extensions.Time.Testing;
using Parity.Runtime.Tests.Grains;
using Parity.Runtime.Tests.Testing;
using Parity.Runtime.Testing;

namespace Parity.Runtime.Tests.Activation;

public sealed class LifecycleTests
{
    // Collection driven by a fake clock: a 30 s quantum, and silos that never time each other out while the clock jumps.
    private static Task<TestCluster> StartWithClockAsync(FakeTimeProvider clock, TimeSpan collectionAge) =>
        Clusters.StartAsync(configure: o =>
        {
            o.TimeProvider = clock;
            o.ConfigureOptions = s =>
            {
                s.CollectionAge = collectionAge;
                s.CollectionQuantum = TimeSpan.FromSeconds(30);
                s.DeathTimeout = TimeSpan.FromDays(1);
            };
        });

    [Fact]
    public async Task IdleActivation_IsCollectedAfterAgeLimit_AndReactivatesWithStateIntact()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-27T08:00:00Z"));
        await using var cluster = await StartWithClockAsync(clock, collectionAge: TimeSpan.FromMinutes(2));
        var counter = cluster.GrainFactory.GetGrain<ICounterGrain>("idle-" + Guid.NewGuid());
        Assert.Equal(1, await counter.IncrementAsync());
        Assert.Equal(2, await counter.IncrementAsync());
        var activationsBefore = await counter.GetActivationsAsync();
        var silo = cluster.Silos[0];

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, silo.ActivationCount);
        clock.Advance(TimeSpan.FromMinutes(2));
        await Clusters.WaitUntilAsync(() => silo.ActivationCount == 0, because: "the idle activation should be collected");

        Assert.Equal(3, await counter.IncrementAsync());
        Assert.Equal(activationsBefore + 1, await counter.GetActivationsAsync());
    }

    [Fact]
    public async Task CollectionAgeLimit_OnAGrainClass_OverridesTheSiloDefaultForThatTypeOnly()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-27T08:00:00Z"));
        await using var cluster = await StartWithClockAsync(clock, collectionAge: TimeSpan.FromMinutes(15));
        var key = "age-" + Guid.NewGuid();
        var shortLived = cluster.GrainFactory.GetGrain<IShortLivedGrain>(key);
        Assert.Equal(1, await shortLived.TouchAsync());
        Assert.Equal(2, await shortLived.TouchAsync());
        await cluster.GrainFactory.GetGrain<ICounterGrain>(key).IncrementAsync();
        var silo = cluster.Silos[0];

        // Past the class's one-minute limit, well inside the silo's fifteen minutes.
        clock.Advance(TimeSpan.FromMinutes(2));
        await Clusters.WaitUntilAsync(() => !silo.Catalog.TryGetActivation(new GrainId(nameof(ShortLivedGrain), key), out _),
            because: "the short-lived grain's idle activation should be collected after its own age limit");

        Assert.True(silo.Catalog.TryGetActivation(new GrainId(nameof(CounterGrain), key), out _), "a grain without the attribute keeps the silo default");
        Assert.Equal(1, await shortLived.TouchAsync());
    }

    [Fact]
    public async Task DeactivateOnIdle_RunsOnDeactivate_AndNextCallReactivates()
    {
        await using var cluster = await Clusters.StartAsync();
        var counter = cluster.GrainFactory.GetGrain<ICounterGrain>("deact-" + Guid.NewGuid());
        await counter.IncrementAsync();
        var deactivations = CounterGrain.Deactivations;

        await counter.DeactivateAsync();
        await Clusters.WaitUntilAsync(() => cluster.Silos[0].ActivationCount == 0);

        Assert.Equal(deactivations + 1, CounterGrain.Deactivations);
        Assert.Equal(2, await counter.IncrementAsync());
    }

    [Fact]
    public async Task Timer_FiresWhileActive_AndStopsWithDeactivation()
    {
        await using var cluster = await Clusters.StartAsync();
        var key = "timer-" + Guid.NewGuid();
        var grain = cluster.GrainFactory.GetGrain<ITimerGrain>(key);

        await grain.StartAsync(TimeSpan.FromMilliseconds(20));
        await Clusters.WaitUntilAsync(async () => await grain.GetTicksAsync() >= 3, because: "the timer should tick");
        await grain.DeactivateAsync();
        await Clusters.WaitUntilAsync(() => cluster.Silos[0].ActivationCount == 0);
        await Task.Delay(100);

        lock (TimerGrain.TicksAfterDeactivation)
        {
            Assert.False(TimerGrain.TicksAfterDeactivation.ContainsKey(key), "no tick may run after deactivation");
        }

        Assert.Equal(0, await grain.GetTicksAsync());
    }

    [Fact]
    public async Task PersistentState_WriteFromStaleActivation_FailsWithInconsistentState()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var key = "stale-" + Guid.NewGuid();
        var (owner, other) = OwnerAndOther(cluster, new GrainId(nameof(CounterGrain), key));
        Assert.Equal(1, await owner.GrainFactory.GetGrain<ICounterGrain>(key).IncrementAsync());

        // The other silo believes it is alone, so it activates a second copy, which read the same version.
        other.Placement.UpdateView(new Membership.MembershipView([other.Address], 1_000));
        var stale = other.GrainFactory.GetGrain<ICounterGrain>(key);
        Assert.Equal(1, await stale.GetAsync());
        Assert.Equal(2, await owner.GrainFactory.GetGrain<ICounterGrain>(key).IncrementAsync());

        await Assert.ThrowsAsync<InconsistentStateException>(() => stale.IncrementAsync());
    }

    [Fact]
    public async Task PersistentState_InjectedWriteFailureAndLatency_ReachTheCaller_AndStoredStateStaysAtTheLastGoodWrite()
    {
        await using var cluster = await Clusters.StartAsync();
        var counter = cluster.GrainFactory.GetGrain<ICounterGrain>("faulty-" + Guid.NewGuid());
        Assert.Equal(1, await counter.IncrementAsync());

        cluster.GrainStorage.FailNextWrites(1);
        var error = await Assert.ThrowsAsync<StorageException>(() => counter.IncrementAsync());
        Assert.IsAssignableFrom<RetryableException>(error);

        // The failed write never reached storage: a fresh activation reads the last good state.
        await counter.DeactivateAsync();
        await Clusters.WaitUntilAsync(() => cluster.Silos[0].ActivationCount == 0);
        Assert.Equal(1, await counter.GetAsync());

        cluster.GrainStorage.WriteLatency = TimeSpan.FromMilliseconds(100);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(2, await counter.IncrementAsync());
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(90), $"the write took {watch.Elapsed}");
        Assert.Equal(3, cluster.GrainStorage.WriteCalls);
    }

    internal static (Hosting.Silo Owner, Hosting.Silo Other) OwnerAndOther(Runtime.Testing.TestCluster cluster, GrainId grain)
    {
        var owner = cluster.Silos.Single(s => s.Placement.IsLocalOwner(grain));
        return (owner, cluster.Silos.First(s => s != owner));
    }
}
