using Parity.GrainInterfaces.Inventory;
using Parity.Grains.Tests.Testing;
using static Parity.Grains.Tests.Inventory.Policies;
using static Parity.Grains.Tests.Testing.InventoryCluster;

namespace Parity.Grains.Tests.Inventory;

/// <summary>Cart reservations expire on time: while the position is active, and by its reminder after deactivation
/// (after the death of its silo: <see cref="InventoryPositionSiloCrashTests"/>).</summary>
[Collection(ClusterCollection.Name)]
public sealed class InventoryPositionExpiryTests(ClusterFixture fixture)
{
    [Fact]
    public async Task CartReservation_WhileActive_ExpiresOnTime_OwnerToldOnce()
    {
        // The grain's timer and its reminder are both due at the expiry: whichever runs first expires the cart, the
        // other finds nothing due, and the owner hears of it once.
        var cluster = fixture.Cluster;
        var key = NewKey();
        var position = await cluster.NewPositionAsync(key, Standard(webCartTtl: TimeSpan.FromMilliseconds(400)), 5);
        var owner = $"cart:{Guid.NewGuid():N}";
        var cart = await position.ReserveAsync(Request(key, "c1", Web, 2, ReservationKind.Cart, owner));
        var order = await position.ReserveAsync(Request(key, "o1", Web, 1, ReservationKind.Order));

        await WaitUntilAsync(() => RecordingReservationOwner.NoticesOf(owner).Count > 0, TimeSpan.FromSeconds(5), "the cart expires");
        await WaitUntilAsync(async () => (await position.GetPositionAsync()).PendingNotices == 0, because: "the delivery is acknowledged");

        var expired = Assert.IsType<ReservationExpired>(Assert.Single(RecordingReservationOwner.NoticesOf(owner)));
        Assert.Equal(cart.ReservationId, expired.ReservationId);
        var details = await position.GetPositionAsync();
        Assert.Equal(order.ReservationId, Assert.Single(details.Reservations).ReservationId);
        Assert.Equal(1, details.Figures.Reserved);
    }

    [Fact]
    public async Task CartReservation_AfterDeactivation_ExpiresThroughTheReminder_OwnerToldOnce()
    {
        var cluster = fixture.Cluster;
        var key = NewKey();
        var ttl = TimeSpan.FromSeconds(2.5);
        var position = await cluster.NewPositionAsync(key, Standard(webCartTtl: ttl), 5);
        var owner = $"cart:{Guid.NewGuid():N}";
        var cart = await position.ReserveAsync(Request(key, "c1", Web, 2, ReservationKind.Cart, owner));
        var expiresAt = (await position.GetPositionAsync()).Reservations.Single().ExpiresAt!.Value;

        await cluster.DeactivateAsync(position);
        Assert.True(DateTimeOffset.UtcNow < expiresAt, "the grain must be gone before its cart expires for this test to mean anything");
        Assert.Empty(RecordingReservationOwner.NoticesOf(owner));

        await WaitUntilAsync(() => RecordingReservationOwner.NoticesOf(owner).Count > 0, TimeSpan.FromSeconds(10), "the reminder expires the cart");
        await WaitUntilAsync(async () => (await position.GetPositionAsync()).PendingNotices == 0, because: "the delivery is acknowledged");

        var expired = Assert.IsType<ReservationExpired>(Assert.Single(RecordingReservationOwner.NoticesOf(owner)));
        Assert.Equal(cart.ReservationId, expired.ReservationId);
        Assert.True(DateTimeOffset.UtcNow >= expiresAt);
        Assert.Equal(0, (await position.GetPositionAsync()).Figures.Reserved);
    }
}
