using Orleans.Runtime;
using Orleans.TestingHost;
using Parity.GrainInterfaces.Exceptions;
using Parity.GrainInterfaces.Inventory;
using Parity.GrainInterfaces.Orders;
using Parity.Orders.Tests.Testing;
using static Parity.Orders.Tests.Testing.OrderCluster;

namespace Parity.Orders.Tests.Orders;

[Collection(OrderClusterCollection.Name)]
public sealed class OrderLifecycleTests(OrderClusterFixture fixture)
{
    private TestCluster Cluster => fixture.Cluster;

    private async Task<(string OrderId, IOrderGrain Order, string Sku)> PlaceAuthorizedAsync(int quantity, int atStore1, int atDc1 = 0)
    {
        var sku = NewSku();
        if (atStore1 > 0)
        {
            await Cluster.ReceiveAsync(sku, Store1, atStore1);
        }

        if (atDc1 > 0)
        {
            await Cluster.ReceiveAsync(sku, Dc1, atDc1);
        }

        var channelOrderId = NewChannelOrderId();
        var orderId = OrderId.Of(Web, channelOrderId);
        var order = Cluster.Order(orderId);
        await order.PlaceAsync(Placement(channelOrderId, Line("1", sku, quantity)));
        await order.ApplyAsync(Event($"auth-{channelOrderId}", OrderEventType.PaymentAuthorized));
        return (orderId, order, sku);
    }

    // Line a from 2 units at STORE-1, line b from 2 units at DC-1, authorized, then one unit of line a shipped.
    private async Task<(IOrderGrain Order, string SkuA, string SkuB)> PlaceTwoLinesThenShipOneOfAAsync(int quantityEach)
    {
        var skuA = NewSku();
        var skuB = NewSku();
        await Cluster.ReceiveAsync(skuA, Store1, 2);
        await Cluster.ReceiveAsync(skuB, Dc1, 2);
        var channelOrderId = NewChannelOrderId();
        var order = Cluster.Order(OrderId.Of(Web, channelOrderId));
        await order.PlaceAsync(Placement(channelOrderId, Line("a", skuA, quantityEach), Line("b", skuB, quantityEach)));
        await order.ApplyAsync(Event("auth", OrderEventType.PaymentAuthorized));
        await order.ApplyAsync(Event("ship-a", OrderEventType.Shipped, [new("a", 1)]));
        return (order, skuA, skuB);
    }

    [Fact]
    public async Task Authorize_StockAtPreferredStore_AllocatesThereWithRuleVersion()
    {
        var (_, order, sku) = await PlaceAuthorizedAsync(2, atStore1: 5, atDc1: 5);

        var view = (await order.GetAsync())!;
        Assert.Equal(OrderStatus.Allocated, view.Status);
        var allocation = Assert.Single(view.Lines[0].Allocations);
        Assert.Equal((Store1, 2, "test-v1", "Active"), (allocation.LocationId, allocation.Quantity, allocation.RuleVersion, allocation.State));
        Assert.Equal(2, (await Cluster.FiguresAsync(sku, Store1)).Reserved);
        Assert.Equal(0, (await Cluster.FiguresAsync(sku, Dc1)).Reserved);
    }

    [Fact]
    public async Task Authorize_NotEnoughAnywhere_PartiallyAllocatesAndBackordersTheRest()
    {
        var (_, order, _) = await PlaceAuthorizedAsync(5, atStore1: 1, atDc1: 2);

        var view = (await order.GetAsync())!;
        Assert.Equal(OrderStatus.PartiallyAllocated, view.Status);
        Assert.Equal(3, view.Lines[0].Allocated);
        Assert.Equal(2, view.Lines[0].Backordered);
    }

    [Fact]
    public async Task ShipmentBeforePayment_IsParked_ThenAppliedWhenThePaymentArrives()
    {
        var sku = NewSku();
        await Cluster.ReceiveAsync(sku, Store1, 3);
        var channelOrderId = NewChannelOrderId();
        var order = Cluster.Order(OrderId.Of(Web, channelOrderId));
        await order.PlaceAsync(Placement(channelOrderId, Line("1", sku, 2)));

        SetCorrelation("corr-ship", "wms");
        var shipped = await order.ApplyAsync(Event("ship-1", OrderEventType.Shipped));
        SetCorrelation("corr-pay", "psp");
        var authorized = await order.ApplyAsync(Event("auth-1", OrderEventType.PaymentAuthorized));
        RequestContext.Clear();

        Assert.Equal(EventDisposition.Parked, shipped.Disposition);
        Assert.Equal(EventDisposition.Applied, authorized.Disposition);
        var view = (await order.GetAsync())!;
        Assert.Equal(OrderStatus.Shipped, view.Status);
        Assert.Empty(view.ParkedEvents);
        Assert.Equal(1, (await Cluster.FiguresAsync(sku, Store1)).OnHand);

        // The parked shipment keeps its own lineage and names the payment that unblocked it as its cause.
        var history = await order.GetHistoryAsync();
        var shipment = Assert.Single(history, h => h.Type == "LinesShipped");
        Assert.Equal(("corr-ship", "wms", "ship-1", "auth-1"), (shipment.CorrelationId, shipment.SourceSystem, shipment.SourceEventId, shipment.CausationId));
        Assert.Equal((EventDisposition.Applied, OrderStatus.Shipped), ((await order.ApplyAsync(Event("ship-1", OrderEventType.Shipped))).Disposition, view.Status));
    }

    [Fact]
    public async Task EventsBeforePlacement_AreParked_ThenAppliedInOrderOnPlacement()
    {
        var sku = NewSku();
        await Cluster.ReceiveAsync(sku, Store1, 3);
        var channelOrderId = NewChannelOrderId();
        var order = Cluster.Order(OrderId.Of(Web, channelOrderId));

        Assert.Equal(EventDisposition.Parked, (await order.ApplyAsync(Event("deliver-1", OrderEventType.Delivered))).Disposition);
        Assert.Equal(EventDisposition.Parked, (await order.ApplyAsync(Event("ship-1", OrderEventType.Shipped))).Disposition);
        Assert.Equal(EventDisposition.Parked, (await order.ApplyAsync(Event("auth-1", OrderEventType.PaymentAuthorized))).Disposition);
        Assert.Equal(OrderStatus.None, (await order.GetAsync())!.Status);

        await order.PlaceAsync(Placement(channelOrderId, Line("1", sku, 1)));

        var view = (await order.GetAsync())!;
        Assert.Equal(OrderStatus.Delivered, view.Status);
        Assert.Empty(view.ParkedEvents);
    }

    [Fact]
    public async Task ParkedPastTheWindow_RaisesOutOfSequence_AndStillAppliesLater()
    {
        var sku = NewSku();
        await Cluster.ReceiveAsync(sku, Store1, 1);
        var channelOrderId = NewChannelOrderId();
        var orderId = OrderId.Of(Web, channelOrderId);
        var order = Cluster.Order(orderId);
        await order.PlaceAsync(Placement(channelOrderId, Line("1", sku, 1)));
        SetCorrelation("corr-late");
        await order.ApplyAsync(Event($"ship-{channelOrderId}", OrderEventType.Shipped));
        RequestContext.Clear();

        await WaitUntilAsync(async () => (await Cluster.ExceptionsAsync(ExceptionCategory.OutOfSequence))
            .Any(e => e.TraceKey == $"OutOfSequence/{orderId}/ship-{channelOrderId}"), "the parked shipment is raised as OutOfSequence");
        var raised = (await Cluster.ExceptionsAsync(ExceptionCategory.OutOfSequence)).Single(e => e.TraceKey.StartsWith($"OutOfSequence/{orderId}/", StringComparison.Ordinal));
        Assert.Contains("corr-late", raised.CorrelationIds);
        Assert.Equal([$"ship-{channelOrderId}"], raised.SourceEventIds);

        await order.ApplyAsync(Event($"auth-{channelOrderId}", OrderEventType.PaymentAuthorized));
        Assert.Equal(OrderStatus.Shipped, (await order.GetAsync())!.Status);
    }

    [Fact]
    public async Task PartialShipment_ShipsPartOfALine_KeepsTheRestReserved()
    {
        var (_, order, sku) = await PlaceAuthorizedAsync(3, atStore1: 5);

        await order.ApplyAsync(Event("ship-a", OrderEventType.Shipped, [new("1", 1)], Store1));

        var view = (await order.GetAsync())!;
        Assert.Equal(OrderStatus.PartiallyShipped, view.Status);
        Assert.Equal((1, 2), (view.Lines[0].Shipped, view.Lines[0].Allocated));
        var figures = await Cluster.FiguresAsync(sku, Store1);
        Assert.Equal((4, 2), (figures.OnHand, figures.Reserved));

        await order.ApplyAsync(Event("ship-b", OrderEventType.Shipped));
        view = (await order.GetAsync())!;
        Assert.Equal(OrderStatus.Shipped, view.Status);
        figures = await Cluster.FiguresAsync(sku, Store1);
        Assert.Equal((2, 0), (figures.OnHand, figures.Reserved));
    }

    [Fact]
    public async Task PartialShipment_OneOfTwoLines_IsPartiallyShipped()
    {
        var (order, _, _) = await PlaceTwoLinesThenShipOneOfAAsync(quantityEach: 1);

        var view = (await order.GetAsync())!;
        Assert.Equal(OrderStatus.PartiallyShipped, view.Status);
        Assert.Equal([1, 0], view.Lines.Select(l => l.Shipped));
        Assert.Equal(Dc1, Assert.Single(view.Lines[1].Allocations).LocationId);
    }

    [Fact]
    public async Task ReturnInStore_EachDisposition_MovesTheReturnLocationsStock()
    {
        var (_, order, sku) = await PlaceAuthorizedAsync(4, atStore1: 0, atDc1: 4);
        await order.ApplyAsync(Event("ship", OrderEventType.Shipped));
        await order.ApplyAsync(Event("deliver", OrderEventType.Delivered));

        // Bought online, shipped from the DC, returned at a store: each unit with its own disposition.
        var outcome = await order.ApplyAsync(Event("return", OrderEventType.ReturnReceived,
            [new("1", 1, ReturnDisposition.Restock), new("1", 1, ReturnDisposition.NotRestocked),
             new("1", 1, ReturnDisposition.ProcessingRequired), new("1", 1, ReturnDisposition.Missing)], Store2));

        Assert.Equal(OrderStatus.Returned, outcome.Status);
        var store = await Cluster.FiguresAsync(sku, Store2);
        Assert.Equal((1, 1, 0), (store.OnHand, store.QualityControl, store.Damaged));
        var dc = await Cluster.FiguresAsync(sku, Dc1);
        Assert.Equal((0, 0), (dc.OnHand, dc.QualityControl));
        Assert.Equal(4, (await order.GetAsync())!.Lines[0].Returned);
    }

    [Theory]
    [InlineData(ReturnDisposition.Restock, 1, 0)]
    [InlineData(ReturnDisposition.NotRestocked, 0, 0)]
    [InlineData(ReturnDisposition.ProcessingRequired, 0, 1)]
    [InlineData(ReturnDisposition.Missing, 0, 0)]
    public async Task PartialReturn_WithDisposition_IsPartiallyReturned(ReturnDisposition disposition, int onHand, int qualityControl)
    {
        var (_, order, sku) = await PlaceAuthorizedAsync(2, atStore1: 0, atDc1: 2);
        await order.ApplyAsync(Event("ship", OrderEventType.Shipped));

        var outcome = await order.ApplyAsync(Event("return", OrderEventType.ReturnReceived, [new("1", 1, disposition)], Store2));

        Assert.Equal(OrderStatus.PartiallyReturned, outcome.Status);
        var store = await Cluster.FiguresAsync(sku, Store2);
        Assert.Equal((onHand, qualityControl), (store.OnHand, store.QualityControl));
    }

    [Fact]
    public async Task ReturnBeforeItsShipment_IsParked_ThenApplied()
    {
        var (_, order, sku) = await PlaceAuthorizedAsync(1, atStore1: 1);

        var parked = await order.ApplyAsync(Event("return", OrderEventType.ReturnReceived, [new("1", 1, ReturnDisposition.Restock)]));
        await order.ApplyAsync(Event("ship", OrderEventType.Shipped));

        Assert.Equal(EventDisposition.Parked, parked.Disposition);
        Assert.Equal(OrderStatus.Returned, (await order.GetAsync())!.Status);
        Assert.Equal(1, (await Cluster.FiguresAsync(sku, Store1)).OnHand);
    }

    [Fact]
    public async Task Exchange_ReturnsTheLine_AndPlacesALinkedReplacementOrder()
    {
        var (orderId, order, sku) = await PlaceAuthorizedAsync(1, atStore1: 0, atDc1: 1);
        var otherSku = NewSku();
        await Cluster.ReceiveAsync(otherSku, Store1, 1);
        await order.ApplyAsync(Event("ship", OrderEventType.Shipped));
        var replacementId = NewChannelOrderId();

        var outcome = await order.ApplyAsync(Event("exchange", OrderEventType.Exchanged, [new("1", 1, ReturnDisposition.Restock)], Store1,
            replacement: Placement(replacementId, Line("1", otherSku, 1)) with { EventId = "" }));

        var newId = OrderId.Of(Web, replacementId);
        Assert.Equal(newId, outcome.Detail);
        var original = (await order.GetAsync())!;
        Assert.Equal(OrderStatus.Returned, original.Status);
        Assert.Equal([newId], original.Exchanges);
        var replacement = (await Cluster.Order(newId).GetAsync())!;
        // Sourced like any web order (STORE-1 first) and paid with the returned unit's 12.00 of credit, the 4.95 of
        // shipping it costs beyond that authorized on the exchange's card.
        Assert.Equal((OrderStatus.Allocated, orderId), (replacement.Status, replacement.ExchangeOf));
        Assert.Equal((16.95m, 12m, 12m), (replacement.Authorized, replacement.Captured, replacement.ExchangeCredit));
        Assert.Equal(12m, original.ExchangeCreditGiven);
        Assert.Equal(1, (await Cluster.FiguresAsync(sku, Store1)).OnHand);
    }

    [Fact]
    public async Task CancelAfterPartialAllocation_ReleasesReservations_AndCancelsBackorders()
    {
        var (_, order, sku) = await PlaceAuthorizedAsync(5, atStore1: 2, atDc1: 1);
        Assert.Equal(OrderStatus.PartiallyAllocated, (await order.GetAsync())!.Status);

        var outcome = await order.ApplyAsync(Event("cancel", OrderEventType.Cancelled));

        Assert.Equal(OrderStatus.Cancelled, outcome.Status);
        Assert.Equal(0, (await Cluster.FiguresAsync(sku, Store1)).Reserved);
        Assert.Equal(0, (await Cluster.FiguresAsync(sku, Dc1)).Reserved);
        var line = (await order.GetAsync())!.Lines[0];
        Assert.Equal((5, 0, 0), (line.Cancelled, line.Allocated, line.Backordered));
        Assert.All(line.Allocations, a => Assert.Equal("Released", a.State));
    }

    [Fact]
    public async Task CancelPartOfALine_KeepsTheRestReserved()
    {
        var (_, order, sku) = await PlaceAuthorizedAsync(3, atStore1: 3);

        await order.ApplyAsync(Event("cancel", OrderEventType.Cancelled, [new("1", 2)]));

        var line = (await order.GetAsync())!.Lines[0];
        Assert.Equal((2, 1), (line.Cancelled, line.Allocated));
        Assert.Equal(1, (await Cluster.FiguresAsync(sku, Store1)).Reserved);
    }

    [Fact]
    public async Task CancelledOrder_MayStillBeRefundedAndClosed_ButNotShipped()
    {
        var (_, order, _) = await PlaceAuthorizedAsync(1, atStore1: 1);
        await order.ApplyAsync(Event("capture", OrderEventType.PaymentCaptured));
        await order.ApplyAsync(Event("cancel", OrderEventType.Cancelled));

        await Assert.ThrowsAsync<OrderTransitionException>(() => order.ApplyAsync(Event("ship", OrderEventType.Shipped)));
        var refunded = await order.ApplyAsync(Event("refund", OrderEventType.Refunded, amount: 12m));
        var closed = await order.ApplyAsync(Event("close", OrderEventType.Closed));

        Assert.Equal((OrderStatus.Cancelled, 12m), (refunded.Status, (await order.GetAsync())!.Refunded));
        Assert.Equal(OrderStatus.Closed, closed.Status);
    }

    [Fact]
    public async Task CancelAfterShipment_IsRefused_AndChangesNothing()
    {
        var (_, order, _) = await PlaceAuthorizedAsync(2, atStore1: 2);
        await order.ApplyAsync(Event("ship", OrderEventType.Shipped, [new("1", 1)]));
        var before = (await order.GetHistoryAsync()).Count;

        await Assert.ThrowsAsync<OrderTransitionException>(() => order.ApplyAsync(Event("cancel", OrderEventType.Cancelled)));

        Assert.Equal(before, (await order.GetHistoryAsync()).Count);
    }

    [Fact]
    public async Task CancelOpenLines_AfterAPartialShipment_ReleasesTheirReservations_AndTheOrderIsShipped()
    {
        var (order, skuA, skuB) = await PlaceTwoLinesThenShipOneOfAAsync(quantityEach: 2);

        // The unshipped unit of line a and both units of line b are cancelled by name; the shipped unit stays.
        var outcome = await order.ApplyAsync(Event("cancel-rest", OrderEventType.Cancelled, [new("a", 1), new("b", 2)]));

        Assert.Equal(OrderStatus.Shipped, outcome.Status);
        var lines = (await order.GetAsync())!.Lines;
        Assert.Equal([(1, 1, 0), (0, 2, 0)], lines.Select(l => (l.Shipped, l.Cancelled, l.Allocated)));
        Assert.Equal((1, 0), ((await Cluster.FiguresAsync(skuA, Store1)).OnHand, (await Cluster.FiguresAsync(skuA, Store1)).Reserved));
        Assert.Equal((2, 0), ((await Cluster.FiguresAsync(skuB, Dc1)).OnHand, (await Cluster.FiguresAsync(skuB, Dc1)).Reserved));
        await Assert.ThrowsAsync<OrderValidationException>(() => order.ApplyAsync(Event("cancel-shipped", OrderEventType.Cancelled, [new("a", 1)])));
    }

    [Fact]
    public async Task StoreSalePreemptsTheReservation_OrderReSourcesFromAnotherLocation()
    {
        var (orderId, order, sku) = await PlaceAuthorizedAsync(1, atStore1: 1, atDc1: 1);

        await Cluster.Position(sku, Store1).RecordStoreSaleAsync("pos-sale-1", 1, "T-1");

        await WaitUntilAsync(async () => (await order.GetAsync())!.Lines[0].Allocations.Any(a => a.LocationId == Dc1 && a.State == "Active"),
            "the order re-sources to the DC");
        var view = (await order.GetAsync())!;
        Assert.Equal(OrderStatus.Allocated, view.Status);
        Assert.Contains(view.Lines[0].Allocations, a => a.LocationId == Store1 && a.State == "Preempted");
        Assert.Equal(1, (await Cluster.FiguresAsync(sku, Dc1)).Reserved);
        Assert.DoesNotContain(await Cluster.ExceptionsAsync(ExceptionCategory.InsufficientStock), e => e.TraceKey.Contains(orderId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task StoreSalePreemptsTheReservation_NoOtherStock_BackordersAndRaisesAnException()
    {
        var (orderId, order, sku) = await PlaceAuthorizedAsync(1, atStore1: 1);

        await Cluster.Position(sku, Store1).RecordStoreSaleAsync("pos-sale-1", 1, "T-1");

        await WaitUntilAsync(async () => (await Cluster.ExceptionsAsync(ExceptionCategory.InsufficientStock))
            .Any(e => e.TraceKey == $"Backorder/{orderId}/1"), "a backorder exception is raised");
        var view = (await order.GetAsync())!;
        Assert.Equal(OrderStatus.Backordered, view.Status);
        Assert.Equal(1, view.Lines[0].Backordered);
    }

    [Fact]
    public async Task StoreSalePreemptsAReservationNoOrderHolds_RaisesAnExceptionNamingTheChannel()
    {
        // A channel reserved for its own cart through the inventory API; no order grain knows the reservation.
        var sku = NewSku();
        await Cluster.ReceiveAsync(sku, Store1, 1);
        var cart = $"cart-{Guid.NewGuid():N}";
        var outcome = await Cluster.Position(sku, Store1).ReserveAsync(
            new ReserveRequest($"req-{cart}", Web, cart, ReservationKind.Order, [new ReserveLine(sku, Store1, 1)]));
        Assert.True(outcome.IsAccepted);

        await Cluster.Position(sku, Store1).RecordStoreSaleAsync($"pos-{cart}", 1, "T-1");

        var traceKey = $"Preempted/{cart}/{outcome.ReservationId}";
        await WaitUntilAsync(async () => (await Cluster.ExceptionsAsync(ExceptionCategory.InsufficientStock)).Any(e => e.TraceKey == traceKey),
            "the lost reservation is raised for a person to tell the channel");
        var raised = Assert.Single(await Cluster.ExceptionsAsync(ExceptionCategory.InsufficientStock), e => e.TraceKey == traceKey);
        Assert.Contains("a store sale took the last units", raised.Message);
        Assert.Equal(Web, raised.Channel);
        Assert.Equal([outcome.ReservationId!], raised.SourceEventIds);
        Assert.Equal(TransactionTypes.Reservation, raised.TransactionType); // no order's exception: not in the order rate
    }

    [Fact]
    public async Task RetriedEvents_ReturnTheOriginalOutcome_AndMoveNothingTwice()
    {
        var (orderId, order, sku) = await PlaceAuthorizedAsync(2, atStore1: 5);
        var ship = Event("ship", OrderEventType.Shipped, [new("1", 1)]);

        var first = await order.ApplyAsync(ship);
        var length = (await order.GetHistoryAsync()).Count;
        var retry = await order.ApplyAsync(ship);
        var placedAgain = await order.PlaceAsync(Placement(OrderId.Parse(orderId).ChannelOrderId, Line("1", sku, 2)));

        Assert.Equal(first, retry);
        Assert.Equal(EventDisposition.Applied, placedAgain.Disposition);
        Assert.Equal(length, (await order.GetHistoryAsync()).Count);
        Assert.Equal(4, (await Cluster.FiguresAsync(sku, Store1)).OnHand);
    }

    [Fact]
    public async Task RefundAndClose_FollowTheLifecycle()
    {
        var (_, order, _) = await PlaceAuthorizedAsync(1, atStore1: 1);
        await order.ApplyAsync(Event("capture", OrderEventType.PaymentCaptured));

        await Assert.ThrowsAsync<OrderTransitionException>(() => order.ApplyAsync(Event("close-early", OrderEventType.Closed)));
        await order.ApplyAsync(Event("ship", OrderEventType.Shipped));
        await order.ApplyAsync(Event("deliver", OrderEventType.Delivered));
        await order.ApplyAsync(Event("return", OrderEventType.ReturnReceived, [new("1", 1, ReturnDisposition.Restock)]));
        await Assert.ThrowsAsync<OrderValidationException>(() => order.ApplyAsync(Event("refund-too-much", OrderEventType.Refunded, amount: 1000m)));
        // 16.95 was paid (12.00 for the line, 4.95 shipping): refunding the line alone leaves the order Returned.
        var lineRefunded = await order.ApplyAsync(Event("refund", OrderEventType.Refunded, amount: 12m));
        var partly = (await order.GetAsync())!;
        var refunded = await order.ApplyAsync(Event("refund-shipping", OrderEventType.Refunded, amount: 4.95m));
        var closed = await order.ApplyAsync(Event("close", OrderEventType.Closed));

        Assert.Equal((OrderStatus.Returned, 12m, true), (lineRefunded.Status, partly.Refunded, partly.PartiallyRefunded));
        Assert.Equal(OrderStatus.Refunded, refunded.Status);
        Assert.Equal(OrderStatus.Closed, closed.Status);
        await Assert.ThrowsAsync<OrderTransitionException>(() => order.ApplyAsync(Event("late-refund", OrderEventType.Refunded, amount: 1m)));
    }

    [Fact]
    public async Task UnknownLine_IsAValidationError_AndChangesNothing()
    {
        var (_, order, _) = await PlaceAuthorizedAsync(1, atStore1: 1);
        var before = (await order.GetHistoryAsync()).Count;

        await Assert.ThrowsAsync<OrderValidationException>(() => order.ApplyAsync(Event("ship", OrderEventType.Shipped, [new("nope", 1)])));
        await Assert.ThrowsAsync<OrderValidationException>(() => order.ApplyAsync(Event("ship", OrderEventType.Shipped, [new("1", 2)])));

        Assert.Equal(before, (await order.GetHistoryAsync()).Count);
    }

    [Fact]
    public async Task PlacementUnderAnotherKey_IsRefused()
    {
        var order = Cluster.Order(OrderId.Of(Web, "A-1"));

        await Assert.ThrowsAsync<OrderValidationException>(() => order.PlaceAsync(Placement("B-2", Line("1", NewSku(), 1))));
        Assert.Null(await order.GetAsync());
    }
}
