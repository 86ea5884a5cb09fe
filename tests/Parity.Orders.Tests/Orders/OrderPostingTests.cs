using Orleans.Runtime;
using Orleans.TestingHost;
using Parity.GrainInterfaces.Inventory;
using Parity.GrainInterfaces.Orders;
using Parity.GrainInterfaces.Posting;
using Parity.Orders.Tests.Testing;
using static Parity.Orders.Tests.Testing.OrderCluster;

namespace Parity.Orders.Tests.Orders;

[Collection(OrderClusterCollection.Name)]
public sealed class OrderPostingTests(OrderClusterFixture fixture)
{
    private TestCluster Cluster => fixture.Cluster;

    private async Task<(string OrderId, IOrderGrain Order)> ShippedOrderAsync(int quantity)
    {
        var sku = NewSku();
        await Cluster.ReceiveAsync(sku, Dc1, quantity);
        var channelOrderId = NewChannelOrderId();
        var orderId = OrderId.Of(Web, channelOrderId);
        var order = Cluster.Order(orderId);
        await order.PlaceAsync(Placement(channelOrderId, new OrderLine("1", sku, quantity, 10m, Discount: 2m, Tax: 4m, TaxCode: "VAT20")));
        await order.ApplyAsync(Event("auth", OrderEventType.PaymentAuthorized));
        SetCorrelation("corr-ship", "wms");
        await order.ApplyAsync(Event("ship", OrderEventType.Shipped));
        RequestContext.Clear();
        return (orderId, order);
    }

    [Fact]
    public async Task Shipment_HandsASaleFactToTheDefaultLegalEntity()
    {
        var (orderId, _) = await ShippedOrderAsync(2);

        var fact = Assert.Single(RecordingPostingIntake.FactsOf(orderId));
        Assert.Equal((BusinessFactKind.SaleShipped, "default", Dc1, "EUR", Web), (fact.Kind, fact.LegalEntity, fact.Location, fact.Currency, fact.Channel));
        Assert.Equal($"shipment:{orderId}:ship:{Dc1}", fact.FactId);
        Assert.Equal(20m, fact.Amounts.Single(a => a.Type == FactAmountTypes.Revenue).Amount);
        Assert.Equal(2m, fact.Amounts.Single(a => a.Type == FactAmountTypes.Discount).Amount);
        Assert.Equal(("VAT20", 4m), fact.Amounts.Where(a => a.Type == FactAmountTypes.Tax).Select(a => (a.Qualifier, a.Amount)).Single());
        Assert.Equal(4.95m, fact.Amounts.Single(a => a.Type == FactAmountTypes.Shipping).Amount);
        Assert.Equal(20m - 2m + 4m + 4.95m, fact.Amounts.Single(a => a.Type == FactAmountTypes.Tender).Amount);
        Assert.Equal(("corr-ship", "wms"), (fact.Lineage.CorrelationId, fact.Lineage.SourceSystem));
        Assert.Equal(["ship"], fact.Lineage.SourceEventIds);
    }

    [Fact]
    public async Task ReturnAndRefund_AreFactsOfTheReturnLocationsLegalEntity()
    {
        var (orderId, order) = await ShippedOrderAsync(2);

        await order.ApplyAsync(Event("return", OrderEventType.ReturnReceived, [new("1", 1, ReturnDisposition.Restock)], Store2));
        await order.ApplyAsync(Event("refund", OrderEventType.Refunded, location: Store2, amount: 11m));

        var facts = RecordingPostingIntake.FactsOf(orderId);
        var returned = Assert.Single(facts, f => f.Kind == BusinessFactKind.SaleReturned);
        Assert.Equal(("retail-store-co", Store2, 10m), (returned.LegalEntity, returned.Location, returned.Amounts.Single(a => a.Type == FactAmountTypes.Revenue).Amount));
        var refund = Assert.Single(facts, f => f.Kind == BusinessFactKind.Refunded);
        Assert.Equal(("retail-store-co", 11m, "card"), (refund.LegalEntity, refund.Amounts.Single().Amount, refund.Amounts.Single().Qualifier));
    }

    [Fact]
    public async Task RefundOfAnOrderCancelledBeforeShipping_PostsNothing_WhileARefundAfterAReturnPosts()
    {
        // Cancelled before anything shipped: the capture never reached the books (a sale posts at shipment), so its
        // refund has nothing to pay back through refunds payable.
        var sku = NewSku();
        await Cluster.ReceiveAsync(sku, Dc1, 2);
        var cancelledId = NewChannelOrderId();
        var cancelled = Cluster.Order(OrderId.Of(Web, cancelledId));
        await cancelled.PlaceAsync(Placement(cancelledId, new OrderLine("1", sku, 2, 10m, Tax: 4m, TaxCode: "VAT20")));
        await cancelled.ApplyAsync(Event("auth", OrderEventType.PaymentAuthorized));
        await cancelled.ApplyAsync(Event("cancel", OrderEventType.Cancelled));
        await cancelled.ApplyAsync(Event("refund", OrderEventType.Refunded, amount: 24m));

        // Shipped, returned and refunded: the refund pays out what the return owes.
        var (shippedId, shipped) = await ShippedOrderAsync(1);
        await shipped.ApplyAsync(Event("return", OrderEventType.ReturnReceived, [new("1", 1, ReturnDisposition.Restock)], Store2));
        await shipped.ApplyAsync(Event("refund", OrderEventType.Refunded, location: Store2, amount: 11m));

        Assert.Equal(24m, (await cancelled.GetAsync())!.Refunded);
        Assert.Empty(RecordingPostingIntake.FactsOf(OrderId.Of(Web, cancelledId)));
        Assert.Single(RecordingPostingIntake.FactsOf(shippedId), f => f.Kind == BusinessFactKind.Refunded);
    }

    [Fact]
    public async Task RefundOfALineCancelledBeforeShipping_PostsNothing_WhileAGoodwillRefundOfTheShippedLineIsAnAllowance()
    {
        // Issue 16: line 1 shipped, line 2 (50 + 10 tax) cancelled before it shipped, then refunded. The sale never
        // invoiced line 2, so its refund must not credit card clearing (the settlement nets the charge and its refund).
        var kept = NewSku();
        var cancelledSku = NewSku();
        await Cluster.ReceiveAsync(kept, Dc1, 1);
        await Cluster.ReceiveAsync(cancelledSku, Dc1, 1);
        var channelOrderId = NewChannelOrderId();
        var orderId = OrderId.Of(Web, channelOrderId);
        var order = Cluster.Order(orderId);
        await order.PlaceAsync(Placement(channelOrderId,
            new OrderLine("1", kept, 1, 100m, Tax: 20m, TaxCode: "VAT20"), new OrderLine("2", cancelledSku, 1, 50m, Tax: 10m, TaxCode: "VAT20")));
        await order.ApplyAsync(Event("auth", OrderEventType.PaymentAuthorized));
        await order.ApplyAsync(Event("capture", OrderEventType.PaymentCaptured));
        await order.ApplyAsync(Event("ship", OrderEventType.Shipped, [new("1", 1)]));
        await order.ApplyAsync(Event("cancel", OrderEventType.Cancelled, [new("2", 1)]));
        await order.ApplyAsync(Event("refund-cancelled", OrderEventType.Refunded, amount: 60m));

        Assert.DoesNotContain(RecordingPostingIntake.FactsOf(orderId), f => f.Kind == BusinessFactKind.Refunded);

        // A further 5.00 for the shipped and kept line: an allowance against revenue, paid from card clearing.
        await order.ApplyAsync(Event("goodwill", OrderEventType.Refunded, amount: 5m));
        var goodwill = Assert.Single(RecordingPostingIntake.FactsOf(orderId), f => f.Kind == BusinessFactKind.Refunded);
        Assert.Equal([(FactAmountTypes.Tender, 5m, "card"), (FactAmountTypes.Allowance, 5m, null)],
            goodwill.Amounts.Select(a => (a.Type, a.Amount, a.Qualifier)).ToArray());
        var sale = Assert.Single(RecordingPostingIntake.FactsOf(orderId), f => f.Kind == BusinessFactKind.SaleShipped);
        Assert.Equal(100m + 20m + 4.95m, sale.Amounts.Single(a => a.Type == FactAmountTypes.Tender).Amount);
        Assert.Equal(65m, (await order.GetAsync())!.Refunded);
    }

    [Fact]
    public async Task RefundBeforeShipping_OfUnitsThatShipAfterAll_IsADiscountOnTheirSale()
    {
        // 10.00 handed back while nothing had shipped posts nothing; when the units ship after all the sale books that
        // 10.00 as a discount, so clearing carries what the customer paid and the settlement relieves it to zero.
        var sku = NewSku();
        await Cluster.ReceiveAsync(sku, Dc1, 1);
        var channelOrderId = NewChannelOrderId();
        var orderId = OrderId.Of(Web, channelOrderId);
        var order = Cluster.Order(orderId);
        await order.PlaceAsync(Placement(channelOrderId, new OrderLine("1", sku, 1, 100m, Tax: 20m, TaxCode: "VAT20")));
        await order.ApplyAsync(Event("auth", OrderEventType.PaymentAuthorized));
        await order.ApplyAsync(Event("refund", OrderEventType.Refunded, amount: 10m));
        await order.ApplyAsync(Event("ship", OrderEventType.Shipped));

        var facts = RecordingPostingIntake.FactsOf(orderId);
        Assert.DoesNotContain(facts, f => f.Kind == BusinessFactKind.Refunded);
        var sale = Assert.Single(facts, f => f.Kind == BusinessFactKind.SaleShipped);
        Assert.Equal(100m + 20m + 4.95m - 10m, sale.Amounts.Single(a => a.Type == FactAmountTypes.Tender).Amount);
        Assert.Equal(10m, sale.Amounts.Single(a => a.Type == FactAmountTypes.Discount).Amount);
    }

    [Fact]
    public async Task PostingUnavailable_OrderStillShips_AndTheFactIsDeliveredOnceLater()
    {
        RecordingPostingIntake.Refuse = true;
        try
        {
            var (orderId, order) = await ShippedOrderAsync(1);

            Assert.Equal(OrderStatus.Shipped, (await order.GetAsync())!.Status);
            Assert.Empty(RecordingPostingIntake.FactsOf(orderId));
            RecordingPostingIntake.Refuse = false;
            await WaitUntilAsync(() => Task.FromResult(RecordingPostingIntake.FactsOf(orderId).Count == 1), "the queued fact is retried");
            await WaitUntilAsync(async () => (await order.GetHistoryAsync()).Any(h => h.Type == "FactSubmitted"), "the hand-off is journaled");
            Assert.Equal(1, RecordingPostingIntake.SubmissionsOf($"shipment:{orderId}:ship:{Dc1}"));
        }
        finally
        {
            RecordingPostingIntake.Refuse = false;
        }
    }
}
