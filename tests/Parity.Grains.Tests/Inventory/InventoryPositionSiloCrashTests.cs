using Orleans.TestingHost;
using Parity.GrainInterfaces.Inventory;
using Parity.Grains.Tests.Testing;
using static Parity.Grains.Tests.Inventory.Policies;
using static Parity.Grains.Tests.Testing.InventoryCluster;

namespace Parity.Grains.Tests.Inventory;

/// <summary>
/// The silo holding a position crashes: every confirmed reservation is there on another silo, and a Cart reservation
/// nobody calls about still expires, through the reminder a surviving silo takes over.
/// </summary>
[Collection(DurableClusterCollection.Name)]
public sealed class InventoryPositionSiloCrashTests(DurableClusterFixture fixture) : IAsyncLifetime
{
    private TestCluster Cluster => fixture.Cluster;

    public Task InitializeAsync() => fixture.RestoreSilosAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task KillOwningSilo_InThreeSiloCluster_EveryConfirmedReservationIsThereOnAnotherSilo()
    {
        var (key, position, owner) = await NewPositionOnASecondarySiloAsync(Standard(safetyStock: 5), 100);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 60).Select(i =>
            position.ReserveAsync(Request(key, $"r{i}", i % 3 == 0 ? Store : Web, 2))));
        var confirmed = outcomes.Where(o => o.IsAccepted).Select(o => o.ReservationId!).ToHashSet();

        await fixture.KillAsync(owner);

        var details = await position.GetPositionAsync();
        Assert.DoesNotContain(Cluster.GetActiveSilos(), s => s.SiloAddress.Equals(owner.SiloAddress));
        Assert.Equal(confirmed, details.Reservations.Select(r => r.ReservationId).ToHashSet());
        Assert.Equal(confirmed.Count * 2, details.Figures.Reserved);
        Assert.Equal(outcomes[7], await position.ReserveAsync(Request(key, "r7", Web, 2)));
    }

    [Fact]
    public async Task CartReservation_OwningSiloDies_ExpiresThroughTheReminderOnAnotherSilo_OwnerToldOnce()
    {
        // Long enough for the survivors to declare the silo dead and take its reminders over before the cart is due:
        // a reminder found after its due time would wait for its next period.
        var ttl = TimeSpan.FromSeconds(12);
        var (key, position, holder) = await NewPositionOnASecondarySiloAsync(Standard(webCartTtl: ttl), 5);
        var owner = $"cart:{Guid.NewGuid():N}";
        var cart = await position.ReserveAsync(Request(key, "c1", Web, 2, ReservationKind.Cart, owner));
        var expiresAt = (await position.GetPositionAsync()).Reservations.Single().ExpiresAt!.Value;

        await fixture.KillAsync(holder);
        Assert.True(DateTimeOffset.UtcNow < expiresAt, "the silo must be dead before the cart expires for this test to mean anything");
        Assert.Empty(RecordingReservationOwner.NoticesOf(owner));

        // Nothing calls the position (a call would activate it and arm its timer): only the reminder can wake it.
        await WaitUntilAsync(() => RecordingReservationOwner.NoticesOf(owner).Count > 0, ttl + TimeSpan.FromSeconds(15), "the reminder expires the cart on a surviving silo");
        await WaitUntilAsync(async () => (await position.GetPositionAsync()).PendingNotices == 0, because: "the delivery is acknowledged");

        var expired = Assert.IsType<ReservationExpired>(Assert.Single(RecordingReservationOwner.NoticesOf(owner)));
        Assert.Equal(cart.ReservationId, expired.ReservationId);
        Assert.True(DateTimeOffset.UtcNow >= expiresAt);
        var details = await position.GetPositionAsync();
        Assert.Equal((0, 5), (details.Figures.Reserved, details.Figures.OnHand));
    }

    // The primary silo holds the test cluster's membership and must not be killed: the position is placed on another
    // with a placement hint. Setting its policy may already activate it from the policy grain, whose call need not carry
    // the hint, so a position that still lands on the primary is replaced by a new one.
    private async Task<(PositionKey Key, IInventoryPositionGrain Position, SiloHandle Silo)> NewPositionOnASecondarySiloAsync(ChannelPolicy policy, int onHand)
    {
        for (var attempt = 1; attempt <= 20; attempt++)
        {
            var key = NewKey();
            var position = await ActivatingOnAsync(fixture.Secondary, () => Cluster.NewPositionAsync(key, policy, onHand));
            var holder = Cluster.GetActiveSilos().Single(s => s.SiloAddress.Equals(Cluster.SiloOf(position)));
            if (!ReferenceEquals(holder, Cluster.Primary))
            {
                return (key, position, holder);
            }
        }

        throw new InvalidOperationException("20 positions in a row were activated on the primary silo.");
    }
}
