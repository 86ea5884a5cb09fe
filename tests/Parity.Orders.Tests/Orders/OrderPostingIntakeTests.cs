using Parity.GrainInterfaces.Inventory;
using Parity.GrainInterfaces.Orders;
using Parity.Orders.Tests.Testing;
using static Parity.Orders.Tests.Testing.OrderCluster;

namespace Parity.Orders.Tests.Orders;

[Collection(RealGrainsClusterCollection.Name)]
public sealed class OrderPostingIntakeTests(RealGrainsClusterFixture fixture)
{
    [Fact]
    public async Task ChannelWithoutSourcing_BackorderedOrderRefunded_IsRefundedAndPostsNothing()
    {
        // Only the real grains (the real PostingIntakeGrain among them; the ERP tests post through it end to end).
        var cluster = fixture.Cluster;
        var sku = NewSku();
        var channelOrderId = $"PO-{Guid.NewGuid():N}";
        await cluster.GrainFactory.GetGrain<IInventoryPositionGrain>(new PositionKey(sku, "DC-X").ToString()).ReceiveAsync("r", 1, null);
        var order = cluster.GrainFactory.GetGrain<IOrderGrain>(OrderId.Of("b2b", channelOrderId));
        await order.PlaceAsync(new PlaceOrder("p", "b2b", channelOrderId, "EUR", DateTimeOffset.UtcNow, [new OrderLine("1", sku, 1, 5m)]));
        await order.ApplyAsync(Event("auth", OrderEventType.PaymentAuthorized));

        // No options name locations for b2b, so the line is backordered; a shipment of it is refused by the
        // lifecycle, which is what a silo without sourcing for the channel should say.
        Assert.Equal(OrderStatus.Backordered, (await order.GetAsync())!.Status);
        await Assert.ThrowsAsync<OrderTransitionException>(() => order.ApplyAsync(Event("ship", OrderEventType.Shipped, [new("1", 1)])));

        var refund = await order.ApplyAsync(Event("refund", OrderEventType.Refunded, amount: 1m));

        // Nothing shipped, so nothing was booked: the refund hands back money the books never took in. 1.00 of 5.00 went back,
        // so the order is still what its line is: backordered.
        var view = (await order.GetAsync())!;
        Assert.Equal((OrderStatus.Backordered, 1m, true), (refund.Status, view.Refunded, view.PartiallyRefunded));
        Assert.DoesNotContain(await order.GetHistoryAsync(), h => h.Type is "FactQueued" or "FactSubmitted");
    }
}
