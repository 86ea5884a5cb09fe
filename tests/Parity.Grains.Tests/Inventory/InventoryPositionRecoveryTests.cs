using Parity.GrainInterfaces.Inventory;
using Parity.Grains.Tests.Testing;
using static Parity.Grains.Tests.Inventory.Policies;
using static Parity.Grains.Tests.Testing.InventoryCluster;

namespace Parity.Grains.Tests.Inventory;

/// <summary>Confirmed reservations and remembered outcomes survive deactivation and reactivation from snapshots.</summary>
[Collection(ClusterCollection.Name)]
public sealed class InventoryPositionRecoveryTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Deactivation_KeepsConfirmedReservations_AndRetryReturnsOriginalOutcome()
    {
        var cluster = fixture.Cluster;
        var key = NewKey();
        var position = await cluster.NewPositionAsync(key, Standard(safetyStock: 2, marketplaceCap: ChannelCap.FractionOfSellable(0.3m)), 10);
        var accepted = await position.ReserveAsync(Request(key, "r1", Web, 3));
        var rejected = await position.ReserveAsync(Request(key, "r2", Marketplace, 4));
        var released = await position.ReleaseAsync("rel-x", (await position.ReserveAsync(Request(key, "r3", Store, 1))).ReservationId!, null);
        var before = await position.GetPositionAsync();

        await cluster.DeactivateAsync(position);

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
        // The test silo writes a snapshot every 5 events (InventorySiloConfigurator).
        var cluster = fixture.Cluster;
        var key = NewKey();
        var position = await cluster.NewPositionAsync(key, Standard(), 50);
        for (var i = 0; i < 12; i++)
        {
            await position.ReserveAsync(Request(key, $"r{i}", i % 2 == 0 ? Web : Store, 2, i % 3 == 0 ? ReservationKind.Cart : ReservationKind.Order));
        }

        Assert.NotEmpty((await position.RecordStoreSaleAsync("pos-1", 30, "T-1")).Preempted);
        await WaitUntilAsync(async () => (await position.GetPositionAsync()).PendingNotices == 0, because: "owners are told");
        var before = await position.GetPositionAsync();
        await cluster.DeactivateAsync(position);

        var snapshot = await cluster.Journal().ReadSnapshotAsync(GrainIdOf(key));
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
        var cluster = fixture.Cluster;
        var policies = cluster.GrainFactory.GetGrain<IChannelPolicyGrain>(IChannelPolicyGrain.GlobalKey);
        var key = NewKey();
        var stamped = await policies.SetForPositionAsync(key, Standard(safetyStock: 4, marketplaceCap: ChannelCap.FractionOfSellable(0.25m)));
        await policies.SetForLocationAsync("DC-7", Standard(marketplaceCap: ChannelCap.Units(3)));
        var version = await policies.GetConfigurationVersionAsync();

        await cluster.DeactivateAsync(policies);

        var effective = await policies.WatchAsync(key);
        Assert.Equal(version, effective.ConfigurationVersion);
        Assert.Equal(stamped.Version, effective.Policy.Version);
        Assert.Equal(0.25m, effective.Policy.RuleFor(Marketplace).Cap!.Fraction);
        Assert.Equal(3, (await policies.WatchAsync(key with { LocationId = "DC-7" })).Policy.RuleFor(Marketplace).Cap!.MaxUnits);
        Assert.True(await policies.ClearPositionAsync(key));
        Assert.False(await policies.ClearPositionAsync(key));
    }
}
