using Orleans.Runtime;
using Orleans.Runtime.Placement;
using Parity.GrainInterfaces.Orders;
using Parity.Orders.Tests.Testing;
using static Parity.Orders.Tests.Testing.OrderCluster;

namespace Parity.Orders.Tests.Orders;

[Collection(RealGrainsClusterCollection.Name)]
public sealed class OrderRecoveryTests(RealGrainsClusterFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.RestoreSilosAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task SiloCrash_OrderReactivatesFromItsJournal_WithParkedEventsAndOutcomes()
    {
        var cluster = fixture.Cluster;
        var sku = NewSku();
        await cluster.ReceiveAsync(sku, Store1, 3);

        // The primary silo holds the test cluster's membership and must not be killed: the order is placed on the other.
        var channelOrderId = NewChannelOrderId();
        var order = cluster.Order(OrderId.Of(Web, channelOrderId));
        var holder = fixture.Secondary;
        RequestContext.Set(IPlacementDirector.PlacementHintKey, holder.SiloAddress);
        try
        {
            Assert.Null(await order.GetAsync());
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }

        Assert.True(cluster.TryGetGrainContext(order.GetGrainId(), out var context));
        Assert.Equal(holder.SiloAddress, context!.Address.SiloAddress);
        await order.PlaceAsync(Placement(channelOrderId, Line("1", sku, 2)));
        var parked = await order.ApplyAsync(Event("ship", OrderEventType.Shipped));
        var before = await order.GetAsync();

        await fixture.KillAsync(holder);

        var after = (await order.GetAsync())!;
        Assert.DoesNotContain(cluster.GetActiveSilos(), s => s.SiloAddress.Equals(holder.SiloAddress));
        Assert.Equal(before!.Status, after.Status);
        Assert.Equal(["ship"], after.ParkedEvents);
        Assert.Equal(parked, await order.ApplyAsync(Event("ship", OrderEventType.Shipped)));
        await order.ApplyAsync(Event("auth", OrderEventType.PaymentAuthorized));
        Assert.Equal(OrderStatus.Shipped, (await order.GetAsync())!.Status);
        Assert.Equal(1, (await cluster.FiguresAsync(sku, Store1)).OnHand);
    }
}
