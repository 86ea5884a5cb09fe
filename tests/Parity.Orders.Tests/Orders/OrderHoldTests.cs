using Orleans.TestingHost;
using Parity.GrainInterfaces.Exceptions;
using Parity.GrainInterfaces.Inventory;
using Parity.GrainInterfaces.Orders;
using Parity.Orders.Tests.Testing;
using static Parity.Orders.Tests.Testing.OrderCluster;

namespace Parity.Orders.Tests.Orders;

/// <summary>
/// Issue 16, fix 1: a crash between a position's Reserved and the order's own event must not leave a hold nobody owns.
/// The crash is the order's journal append failing after the positions answered (the order's activation is dropped and
/// the next call reads its journal, as after a silo restart).
/// </summary>
[Collection(OrderClusterCollection.Name)]
public sealed class OrderHoldTests(OrderClusterFixture fixture)
{
    private TestCluster Cluster => fixture.Cluster;

    private async Task<(string OrderId, IOrderGrain Order, string ChannelOrderId)> PlaceAsync(string sku, int quantity)
    {
        var channelOrderId = NewChannelOrderId();
        var orderId = OrderId.Of(Web, channelOrderId);
        var order = Cluster.Order(orderId);
        await order.PlaceAsync(Placement(channelOrderId, Line("1", sku, quantity)));
        return (orderId, order, channelOrderId);
    }

    // Applies the command while the order's next append fails: the positions have reserved, the order recorded nothing.
    private async Task CrashAfterThePositionsReserveAsync(string orderId, OrderCommand command)
    {
        var failOnce = 1;
        Cluster.Faults().FailWhen = (grain, _) => grain.ToString() == $"order/{orderId}" && Interlocked.Exchange(ref failOnce, 0) == 1;
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() => Cluster.Order(orderId).ApplyAsync(command));
        }
        finally
        {
            Cluster.Faults().FailWhen = null;
        }

        Assert.Equal(0, failOnce);
    }

    private async Task<List<ReservationInfo>> HoldsOfAsync(string sku, string location, string orderId) =>
        (await Cluster.Position(sku, location).GetPositionAsync()).Reservations.Where(r => r.OrderRef == orderId).ToList();

    [Fact]
    public async Task RetriedAuthorization_AfterACrashBetweenTheReserveAndTheOrdersEvent_AdoptsTheHold()
    {
        var sku = NewSku();
        await Cluster.ReceiveAsync(sku, Store1, 1);
        var (orderId, order, channelOrderId) = await PlaceAsync(sku, 1);
        var authorize = Event($"auth-{channelOrderId}", OrderEventType.PaymentAuthorized);

        await CrashAfterThePositionsReserveAsync(orderId, authorize);
        Assert.Single(await HoldsOfAsync(sku, Store1, orderId)); // the position's Reserved is durable, the order knows nothing

        var retried = await order.ApplyAsync(authorize);

        Assert.Equal(EventDisposition.Applied, retried.Disposition);
        var view = (await order.GetAsync())!;
        Assert.Equal(OrderStatus.Allocated, view.Status);
        Assert.Equal((1, 0), (view.Lines[0].Allocated, view.Lines[0].Backordered));
        var hold = Assert.Single(await HoldsOfAsync(sku, Store1, orderId));
        Assert.Equal(hold.ReservationId, Assert.Single(view.Lines[0].Allocations).ReservationId);
        Assert.Equal(1, (await Cluster.FiguresAsync(sku, Store1)).Reserved);
        Assert.True(await order.HoldsReservationAsync(hold.ReservationId));
    }

    [Fact]
    public async Task RetriedAuthorization_ThatNoLongerNeedsTheWholeHold_GivesItBackAndHoldsOnlyWhatItNeeds()
    {
        var sku = NewSku();
        await Cluster.ReceiveAsync(sku, Store1, 2);
        var (orderId, order, channelOrderId) = await PlaceAsync(sku, 2);
        var authorize = Event($"auth-{channelOrderId}", OrderEventType.PaymentAuthorized);
        await CrashAfterThePositionsReserveAsync(orderId, authorize);
        var first = Assert.Single(await HoldsOfAsync(sku, Store1, orderId));
        Assert.Equal(2, first.Quantity);

        // One unit is cancelled before the authorization is retried: the first attempt's hold of 2 is too much.
        await order.ApplyAsync(Event($"cancel-{channelOrderId}", OrderEventType.Cancelled, [new("1", 1)]));
        var retried = await order.ApplyAsync(authorize);

        Assert.Equal(EventDisposition.Applied, retried.Disposition);
        var view = (await order.GetAsync())!;
        Assert.Equal((1, 0, 1), (view.Lines[0].Allocated, view.Lines[0].Backordered, view.Lines[0].Cancelled));
        var hold = Assert.Single(await HoldsOfAsync(sku, Store1, orderId));
        Assert.NotEqual(first.ReservationId, hold.ReservationId);
        Assert.Equal(1, hold.Quantity);
        Assert.Equal(hold.ReservationId, Assert.Single(view.Lines[0].Allocations, a => a.State == "Active").ReservationId);
        Assert.Equal(1, (await Cluster.FiguresAsync(sku, Store1)).Reserved);

        // Retried once more (the answer was lost): the same outcome, nothing released or reserved twice.
        Assert.Equal(retried, await order.ApplyAsync(authorize));
        Assert.Equal(hold.ReservationId, Assert.Single(await HoldsOfAsync(sku, Store1, orderId)).ReservationId);
    }

    [Fact]
    public async Task Authorization_ReservesBetweenItsEvents_YetWritesThemInOneAppend()
    {
        // The authorization raises PaymentAuthorized, waits for the positions to reserve, then raises its allocation. A
        // silo killed during that wait must not leave the authorization durable without its allocation: the retry would
        // find the order already authorized and refuse, and the positions' holds would belong to nobody.
        var sku = NewSku();
        await Cluster.ReceiveAsync(sku, Store1, 1);
        var (orderId, order, channelOrderId) = await PlaceAsync(sku, 1);
        var appends = new System.Collections.Concurrent.ConcurrentQueue<string[]>();
        Cluster.Faults().FailWhen = (grain, entries) =>
        {
            if (grain.ToString() == $"order/{orderId}")
            {
                appends.Enqueue([.. entries.Select(e => e.EventType)]);
            }

            return false;
        };
        try
        {
            await order.ApplyAsync(Event($"auth-{channelOrderId}", OrderEventType.PaymentAuthorized));
        }
        finally
        {
            Cluster.Faults().FailWhen = null;
        }

        // One append (the placement's count, noted after the turn, rides along).
        var append = Assert.Single(appends);
        Assert.Equal(["PaymentAuthorized", "LinesAllocated", "OutcomeRecorded"], append.Take(3));
        Assert.Equal(OrderStatus.Allocated, (await order.GetAsync())!.Status);
    }

    [Fact]
    public async Task HoldAudit_ReleasesAnOrderHoldItsOrderDoesNotKnow_AndLeavesKnownHoldsAndCartsAlone()
    {
        var sku = NewSku();
        await Cluster.ReceiveAsync(sku, Store1, 4);

        // Known: an order allocated the normal way.
        var (knownOrderId, knownOrder, knownChannelOrderId) = await PlaceAsync(sku, 1);
        await knownOrder.ApplyAsync(Event($"auth-{knownChannelOrderId}", OrderEventType.PaymentAuthorized));
        var known = Assert.Single(await HoldsOfAsync(sku, Store1, knownOrderId));

        // Unknown: a hold under an order's request ids that the order never recorded (its placement crashed, never retried).
        var (orphanOrderId, _, _) = await PlaceAsync(sku, 1);
        var orphan = await Cluster.Position(sku, Store1).ReserveAsync(new ReserveRequest(
            $"{orphanOrderId}|auth-crashed|1@{Store1}", Web, orphanOrderId, ReservationKind.Order,
            [new ReserveLine(sku, Store1, 1)]));
        Assert.True(orphan.IsAccepted);

        // A cart under the same shape of request id is not an order's hold: never audited.
        var cartRef = $"{Web}:cart-{Guid.NewGuid():N}";
        var cart = await Cluster.Position(sku, Store1).ReserveAsync(new ReserveRequest(
            $"{cartRef}|add|1@{Store1}", Web, cartRef, ReservationKind.Cart, [new ReserveLine(sku, Store1, 1)]));
        Assert.True(cart.IsAccepted);

        var traceKey = $"OrphanHold/{new PositionKey(sku, Store1)}/{orphan.ReservationId}";
        await WaitUntilAsync(async () => !(await HoldsOfAsync(sku, Store1, orphanOrderId)).Any(),
            "the audit releases the hold its order does not know once the grace period is over", TimeSpan.FromSeconds(20));

        var raised = Assert.Single(await Cluster.ExceptionsAsync(ExceptionCategory.InsufficientStock), e => e.TraceKey == traceKey);
        Assert.Contains(sku, raised.Message);
        Assert.Contains(Store1, raised.Message);
        Assert.Contains(orphanOrderId, raised.Message);
        Assert.Contains("1 unit(s)", raised.Message);
        Assert.Equal(Web, raised.Channel);

        Assert.Equal(known.ReservationId, Assert.Single(await HoldsOfAsync(sku, Store1, knownOrderId)).ReservationId);
        Assert.Single(await HoldsOfAsync(sku, Store1, cartRef));
        Assert.Equal(OrderStatus.Allocated, (await knownOrder.GetAsync())!.Status);
        Assert.DoesNotContain(await Cluster.ExceptionsAsync(ExceptionCategory.InsufficientStock),
            e => e.TraceKey.StartsWith("OrphanHold/", StringComparison.Ordinal) && e.Message.Contains(knownOrderId, StringComparison.Ordinal));
        Assert.Equal(2, (await Cluster.FiguresAsync(sku, Store1)).Reserved);
    }
}
