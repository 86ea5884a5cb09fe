using Orleans.TestingHost;
using Parity.GrainInterfaces.Orders;
using Parity.GrainInterfaces.Settlements;
using Parity.Orders.Tests.Testing;
using static Parity.Orders.Tests.Testing.OrderCluster;

namespace Parity.Orders.Tests.Orders;

/// <summary>PaymentCaptured feeds the provider's receivables (the real grain), once, so settlements can match.</summary>
[Collection(OrderClusterCollection.Name)]
public sealed class OrderReceivablesTests(OrderClusterFixture fixture)
{
    private TestCluster Cluster => fixture.Cluster;

    private IReceivablesGrain Stripe => Cluster.GrainFactory.GetGrain<IReceivablesGrain>("stripe");

    [Fact]
    public async Task Capture_IsRecordedWithTheMappedProvider_OnceEvenWhenTheEventIsRetried()
    {
        var sku = NewSku();
        await Cluster.ReceiveAsync(sku, Dc1, 1);
        var channelOrderId = NewChannelOrderId();
        var orderId = OrderId.Of(Web, channelOrderId);
        var order = Cluster.Order(orderId);
        await order.PlaceAsync(Placement(channelOrderId, Line("1", sku, 1)));
        await order.ApplyAsync(Event("auth", OrderEventType.PaymentAuthorized, amount: 12m));
        var capture = Event("capture", OrderEventType.PaymentCaptured, amount: 12m) with { Reference = $"pi_{channelOrderId}" };

        await order.ApplyAsync(capture);
        await order.ApplyAsync(capture);

        await WaitUntilAsync(async () => (await Stripe.FindAsync([new CaptureQuery($"pi_{channelOrderId}", null)]))[0] is not null,
            "the capture reaches the receivables");
        var recorded = (await Stripe.FindAsync([new CaptureQuery($"pi_{channelOrderId}", null)]))[0]!;
        Assert.Equal((orderId, 12m, "EUR"), (recorded.OrderId, recorded.Amount, recorded.Currency));
        var captures = await Stripe.GetCapturesAsync(Web, DateOnly.FromDateTime(recorded.CapturedAt.UtcDateTime));
        Assert.Single(captures, c => c.OrderId == orderId);
        await WaitUntilAsync(async () => (await order.GetHistoryAsync()).Count(h => h.Type == "CaptureHandedOff") == 1, "the hand-off is journaled once");
    }

    [Fact]
    public async Task CaptureWithoutReference_UsesThePlacementsTenderReference_AndAnUnmappedTenderRecordsNothing()
    {
        var sku = NewSku();
        await Cluster.ReceiveAsync(sku, Dc1, 2);
        var channelOrderId = NewChannelOrderId();
        var orderId = OrderId.Of(Web, channelOrderId);
        var order = Cluster.Order(orderId);
        await order.PlaceAsync(Placement(channelOrderId, Line("1", sku, 2)) with { Payments = [new OrderPayment("card", $"pi_p_{channelOrderId}", 24m)] });
        await order.ApplyAsync(Event("auth", OrderEventType.PaymentAuthorized, amount: 24m));
        await order.ApplyAsync(Event("capture-1", OrderEventType.PaymentCaptured, amount: 10m) with { Reference = null });
        await order.ApplyAsync(Event("capture-2", OrderEventType.PaymentCaptured, amount: 4m) with { Tender = "voucher", Reference = $"v_{channelOrderId}" });

        await WaitUntilAsync(async () => (await Stripe.FindAsync([new CaptureQuery($"pi_p_{channelOrderId}", null)]))[0] is { Amount: 10m },
            "the capture is recorded under the placement's reference");
        await WaitUntilAsync(async () => (await order.GetHistoryAsync()).Count(h => h.Type == "CaptureHandedOff") == 1, "one hand-off");
        Assert.Null((await Stripe.FindAsync([new CaptureQuery($"v_{channelOrderId}", null)]))[0]);
    }
}
