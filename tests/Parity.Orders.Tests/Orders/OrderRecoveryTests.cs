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

        // The test cluster's membership lives on the primary silo, which must not be killed: draw order ids until the
        // order is activated on the other silo.
        string channelOrderId;
        IOrderGrain order;
        Orleans.TestingHost.SiloHandle holder;
        var attempt = 0;
        do
        {
            Assert.True(attempt++ < 50, "50 orders in a row were placed on the primary silo");
            channelOrderId = NewChannelOrderId();
            order = cluster.Order(OrderId.Of(Web, channelOrderId));
            Assert.Null(await order.GetAsync());
            holder = await fixture.SiloOfAsync(order);
        }
        while (ReferenceEquals(holder, cluster.Primary));

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
