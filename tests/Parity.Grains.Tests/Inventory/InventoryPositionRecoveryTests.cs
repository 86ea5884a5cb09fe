using Parity.GrainInterfaces.Inventory;
using Parity.Grains.Tests.Testing;
using Parity.Runtime;
using static Parity.Grains.Tests.Inventory.Policies;
using static Parity.Grains.Tests.Testing.InventoryCluster;

namespace Parity.Grains.Tests.Inventory;

/// <summary>Confirmed reservations and remembered outcomes survive deactivation, snapshots and a silo crash.</summary>
public sealed class InventoryPositionRecoveryTests
{
    [Fact]
    public async Task Deactivation_KeepsConfirmedReservations_AndRetryReturnsOriginalOutcome()
    {
        await using var cluster = await StartAsync(configure: o => CollectQuickly(o));
        var key = NewKey();
        var position = await cluster.NewPositionAsync(key, Standard(safetyStock: 2, marketplaceCap: ChannelCap.FractionOfSellable(0.3m)), 10);
        var accepted = await position.ReserveAsync(Request(key, "r1", Web, 3));
        var rejected = await position.ReserveAsync(Request(key, "r2", Marketplace, 4));
        var released = await position.ReleaseAsync("rel-x", (await position.ReserveAsync(Request(key, "r3", Store, 1))).ReservationId!, null);
        var before = await position.GetPositionAsync();

        await cluster.WaitForNoActivationsAsync();

        var after = await position.GetPositionAsync();
        Assert.Equal(before.Figures, after.Figures);
        Assert.Equal(before.Reservations, after.Reservations);
        Assert.Equal(accepted, await position.ReserveAsync(Request(key, "r1", Web, 3)));
        Assert.Equal(rejected, await position.ReserveAsync(Request(key, "r2", Marketplace, 4)));
        Assert.Equal(released, await position.ReleaseAsync("rel-x", "whatever", null));
        Assert.Equal(3, (await position.GetPositionAsync()).Figures.Reserved);
    }

    [Fact]
    public async Task Reactivation_FromSnapshotPlusTail_EqualsLiveState()
    {
        await using var cluster = await StartAsync(configure: o => CollectQuickly(o, s => s.JournalSnapshotInterval = 5));
        var key = NewKey();
        var position = await cluster.NewPositionAsync(key, Standard(), 50);
        for (var i = 0; i < 12; i++)
        {
            await position.ReserveAsync(Request(key, $"r{i}", i % 2 == 0 ? Web : Store, 2, i % 3 == 0 ? ReservationKind.Cart : ReservationKind.Order));
        }

        Assert.NotEmpty((await position.RecordStoreSaleAsync("pos-1", 30, "T-1")).Preempted);
        await WaitUntilAsync(async () => (await position.GetPositionAsync()).PendingNotices == 0, because: "owners are told");
        var before = await position.GetPositionAsync();
        await cluster.WaitForNoActivationsAsync();

        var snapshot = await cluster.Journal.ReadSnapshotAsync(GrainIdOf(key));
        var after = await position.GetPositionAsync();

        Assert.NotNull(snapshot);
        Assert.InRange(snapshot.Version, 5, before.Figures.Version);
        Assert.Equal(before.Figures, after.Figures);
        Assert.Equal(before.Reservations, after.Reservations);
        Assert.Equal(before.RememberedRequests, after.RememberedRequests);
    }

    [Fact]
    public async Task PolicyGrain_AfterReactivation_ReplaysCapsAndVersions()
    {
        await using var cluster = await StartAsync(configure: o => CollectQuickly(o));
        var policies = cluster.GrainFactory.GetGrain<IChannelPolicyGrain>(IChannelPolicyGrain.GlobalKey);
        var key = NewKey();
        var stamped = await policies.SetForPositionAsync(key, Standard(safetyStock: 4, marketplaceCap: ChannelCap.FractionOfSellable(0.25m)));
        await policies.SetForLocationAsync("DC-7", Standard(marketplaceCap: ChannelCap.Units(3)));
        var version = await policies.GetConfigurationVersionAsync();

        await cluster.WaitForNoActivationsAsync();

        var effective = await policies.WatchAsync(key);
        Assert.Equal(version, effective.ConfigurationVersion);
        Assert.Equal(stamped.Version, effective.Policy.Version);
        Assert.Equal(0.25m, effective.Policy.RuleFor(Marketplace).Cap!.Fraction);
        Assert.Equal(3, (await policies.WatchAsync(key with { LocationId = "DC-7" })).Policy.RuleFor(Marketplace).Cap!.MaxUnits);
        Assert.True(await policies.ClearPositionAsync(key));
        Assert.False(await policies.ClearPositionAsync(key));
    }

    [Fact]
    public async Task KillOwningSilo_InThreeSiloCluster_EveryConfirmedReservationIsThereOnAnotherSilo()
    {
        await using var cluster = await StartAsync(3);
        var key = NewKey();
        var position = await cluster.NewPositionAsync(key, Standard(safetyStock: 5), 100);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 60).Select(i =>
            position.ReserveAsync(Request(key, $"r{i}", i % 3 == 0 ? Store : Web, 2))));
        var confirmed = outcomes.Where(o => o.IsAccepted).Select(o => o.ReservationId!).ToHashSet();
        var owner = cluster.Silos.Single(s => s.Placement.IsLocalOwner(GrainIdOf(key)));

        await cluster.KillSiloAsync(owner);

        var details = await position.GetPositionAsync();
        Assert.DoesNotContain(cluster.Silos, s => s.Address == owner.Address);
        Assert.Equal(confirmed, details.Reservations.Select(r => r.ReservationId).ToHashSet());
        Assert.Equal(confirmed.Count * 2, details.Figures.Reserved);
        Assert.Equal(outcomes[7], await position.ReserveAsync(Request(key, "r7", Web, 2)));
    }
}
