using Parity.GrainInterfaces.Orders;
using Parity.Orders.Tests.Testing;
using static Parity.Orders.Tests.Testing.OrderCluster;

namespace Parity.Orders.Tests.Orders;

public sealed class OrderRecoveryTests
{
    [Fact]
    public async Task SiloCrash_OrderReactivatesFromItsJournal_WithParkedEventsAndOutcomes()
    {
        await using var cluster = await OrderCluster.StartAsync();
        var sku = NewSku();
        await cluster.ReceiveAsync(sku, Store1, 3);
        var channelOrderId = NewChannelOrderId();
        var order = cluster.Order(OrderId.Of(Web, channelOrderId));
        await order.PlaceAsync(Placement(channelOrderId, Line("1", sku, 2)));
        var parked = await order.ApplyAsync(Event("ship", OrderEventType.Shipped));
        var before = await order.GetAsync();

        await cluster.StartAdditionalSiloAsync();
        await cluster.KillSiloAsync(cluster.Silos[0]);

        var after = (await order.GetAsync())!;
        Assert.Equal(before!.Status, after.Status);
        Assert.Equal(["ship"], after.ParkedEvents);
        Assert.Equal(parked, await order.ApplyAsync(Event("ship", OrderEventType.Shipped)));
        await order.ApplyAsync(Event("auth", OrderEventType.PaymentAuthorized));
        Assert.Equal(OrderStatus.Shipped, (await order.GetAsync())!.Status);
        Assert.Equal(1, (await cluster.FiguresAsync(sku, Store1)).OnHand);
    }
}
