using Parity.GrainInterfaces.Inventory;
using Parity.Grains.Tests.Testing;
using static Parity.Grains.Tests.Inventory.Policies;
using static Parity.Grains.Tests.Testing.InventoryCluster;

namespace Parity.Grains.Tests.Inventory;

/// <summary>Cart reservations expire on time: by the grain timer while active, by the reminder after deactivation or
/// the death of the silo that held the position.</summary>
public sealed class InventoryPositionExpiryTests
{
    [Fact]
    public async Task CartReservation_WhileActive_ExpiresThroughTheTimer_OwnerToldOnce()
    {
        // Reminders are polled only at start, so only the grain timer can expire the cart in time.
        await using var cluster = await StartAsync(configure: o => o.ConfigureOptions = s => s.ReminderPollPeriod = TimeSpan.FromMinutes(10));
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
        await using var cluster = await StartAsync(configure: o => CollectQuickly(o, s => s.ReminderPollPeriod = TimeSpan.FromMilliseconds(50)));
        var key = NewKey();
        var ttl = TimeSpan.FromSeconds(2.5);
        var position = await cluster.NewPositionAsync(key, Standard(webCartTtl: ttl), 5);
        var owner = $"cart:{Guid.NewGuid():N}";
        var cart = await position.ReserveAsync(Request(key, "c1", Web, 2, ReservationKind.Cart, owner));
        var expiresAt = (await position.GetPositionAsync()).Reservations.Single().ExpiresAt!.Value;

        await cluster.WaitForNoActivationsAsync(TimeSpan.FromSeconds(2));
        Assert.True(DateTimeOffset.UtcNow < expiresAt, "the grain must be gone before its cart expires for this test to mean anything");
        Assert.Empty(RecordingReservationOwner.NoticesOf(owner));

        await WaitUntilAsync(() => RecordingReservationOwner.NoticesOf(owner).Count > 0, TimeSpan.FromSeconds(10), "the reminder expires the cart");
        await WaitUntilAsync(async () => (await position.GetPositionAsync()).PendingNotices == 0, because: "the delivery is acknowledged");

        var expired = Assert.IsType<ReservationExpired>(Assert.Single(RecordingReservationOwner.NoticesOf(owner)));
        Assert.Equal(cart.ReservationId, expired.ReservationId);
        Assert.True(DateTimeOffset.UtcNow >= expiresAt);
        Assert.Equal(0, (await position.GetPositionAsync()).Figures.Reserved);
    }

    [Fact]
    public async Task CartReservation_OwningSiloDies_ExpiresThroughTheReminderOnAnotherSilo_OwnerToldOnce()
    {
        await using var cluster = await StartAsync(3, o => o.ConfigureOptions = s => s.ReminderPollPeriod = TimeSpan.FromMilliseconds(50));
        var key = NewKey();
        var position = await cluster.NewPositionAsync(key, Standard(webCartTtl: TimeSpan.FromSeconds(4)), 5);
        var owner = $"cart:{Guid.NewGuid():N}";
        var cart = await position.ReserveAsync(Request(key, "c1", Web, 2, ReservationKind.Cart, owner));
        var expiresAt = (await position.GetPositionAsync()).Reservations.Single().ExpiresAt!.Value;
        var holder = cluster.Silos.Single(s => s.Placement.IsLocalOwner(GrainIdOf(key)));

        await cluster.KillSiloAsync(holder);
        Assert.True(DateTimeOffset.UtcNow < expiresAt, "the silo must die before the cart expires for this test to mean anything");

        // Nothing calls the position (a call would activate it and arm its timer): only the reminder can wake it.
        await WaitUntilAsync(() => RecordingReservationOwner.NoticesOf(owner).Count > 0, TimeSpan.FromSeconds(15), "the reminder expires the cart on a surviving silo");
        await WaitUntilAsync(async () => (await position.GetPositionAsync()).PendingNotices == 0, because: "the delivery is acknowledged");

        var expired = Assert.IsType<ReservationExpired>(Assert.Single(RecordingReservationOwner.NoticesOf(owner)));
        Assert.Equal(cart.ReservationId, expired.ReservationId);
        Assert.DoesNotContain(cluster.Silos, s => s.Address == holder.Address);
        var details = await position.GetPositionAsync();
        Assert.Equal((0, 5), (details.Figures.Reserved, details.Figures.OnHand));
    }
}
