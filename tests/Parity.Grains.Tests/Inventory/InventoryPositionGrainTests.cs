using Orleans.TestingHost;
using Parity.GrainInterfaces.Exceptions;
using Parity.GrainInterfaces.Inventory;
using Parity.Grains.Tests.Testing;
using static Parity.Grains.Tests.Inventory.Policies;
using static Parity.Grains.Tests.Testing.InventoryCluster;

namespace Parity.Grains.Tests.Inventory;

/// <summary>The position grain through its interface, on one silo.</summary>
[Collection(ClusterCollection.Name)]
public sealed class InventoryPositionGrainTests(ClusterFixture fixture)
{
    private TestCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task Reserve_ThenShip_OnHandFallsAndReservationEnds()
    {
        var key = NewKey();
        var position = await Cluster.NewPositionAsync(key, Standard(), 10);

        var outcome = await position.ReserveAsync(Request(key, "r1", Web, 3));
        var shipped = await position.ShipAsync("ship-1", outcome.ReservationId!, "DHL-1");

        Assert.True(outcome.IsAccepted);
        Assert.Empty(shipped.Preempted);
        var details = await position.GetPositionAsync();
        Assert.Equal((7, 0), (details.Figures.OnHand, details.Figures.Reserved));
        Assert.Empty(details.Reservations);
        await Assert.ThrowsAsync<ReservationNotActiveException>(() => position.ShipAsync("ship-2", outcome.ReservationId!, "DHL-2"));
    }

    [Fact]
    public async Task Ship_RetryOfSameEventId_ReturnsOriginalResultAndShipsOnce()
    {
        var key = NewKey();
        var position = await Cluster.NewPositionAsync(key, Standard(), 10);
        var outcome = await position.ReserveAsync(Request(key, "r1", Web, 4));

        var first = await position.ShipAsync("ship-1", outcome.ReservationId!, "DHL-1");
        var retry = await position.ShipAsync("ship-1", outcome.ReservationId!, "DHL-1");

        Assert.Empty(first.Preempted);
        Assert.Null(first.NegativeStock);
        Assert.Equal(first.Preempted, retry.Preempted);
        Assert.Equal(first.NegativeStock, retry.NegativeStock);
        Assert.Equal(6, (await position.GetPositionAsync()).Figures.OnHand);
    }

    [Fact]
    public async Task Release_ReturnsUnitsToAts_AndRetryGetsOriginalAnswer()
    {
        var key = NewKey();
        var position = await Cluster.NewPositionAsync(key, Standard(), 10);
        var outcome = await position.ReserveAsync(Request(key, "r1", Web, 4));
        Assert.Equal(6, await position.GetAvailableToSellAsync(Web));

        var released = await position.ReleaseAsync("rel-1", outcome.ReservationId!, "cart emptied");
        var retried = await position.ReleaseAsync("rel-1", outcome.ReservationId!, "cart emptied");
        var other = await position.ReleaseAsync("rel-2", outcome.ReservationId!, "again");

        Assert.True(released.Released);
        Assert.True(retried.Released);
        Assert.False(other.Released);
        Assert.Equal(10, await position.GetAvailableToSellAsync(Web));
    }

    [Fact]
    public async Task Reserve_MultiLineRequest_SumsDemandForThisPosition_AllOrNothing()
    {
        var key = NewKey();
        var position = await Cluster.NewPositionAsync(key, Standard(), 5);
        ReserveLine Line(int quantity) => new(key.Sku, key.LocationId, quantity);
        var elsewhere = new ReserveLine(key.Sku, "DC-9", 100);

        var tooMuch = await position.ReserveAsync(new ReserveRequest("r1", Web, "web:o1", ReservationKind.Order, [Line(3), elsewhere, Line(3)]));
        var fits = await position.ReserveAsync(new ReserveRequest("r2", Web, "web:o2", ReservationKind.Order, [Line(2), elsewhere, Line(3)]));

        Assert.Equal((ReservationStatus.Rejected, 6, RejectionReason.InsufficientStock), (tooMuch.Status, tooMuch.Quantity, tooMuch.Reason!.Value));
        Assert.Equal((ReservationStatus.Accepted, 5), (fits.Status, fits.Quantity));
        Assert.Equal(5, (await position.GetPositionAsync()).Figures.Reserved);
    }

    [Fact]
    public async Task Reserve_RetryOfRejectedRequest_StaysRejectedAfterStockArrives()
    {
        var key = NewKey();
        var position = await Cluster.NewPositionAsync(key, Standard(), 1);

        var first = await position.ReserveAsync(Request(key, "r1", Web, 2));
        await position.ReceiveAsync("po-2", 10, "PO-2");
        var retry = await position.ReserveAsync(Request(key, "r1", Web, 2));

        Assert.False(first.IsAccepted);
        Assert.Equal(first, retry);
        Assert.Equal(0, (await position.GetPositionAsync()).Figures.Reserved);
    }

    [Fact]
    public async Task Receive_RetryOfSameEventId_MovesStockOnce()
    {
        var key = NewKey();
        var position = await Cluster.NewPositionAsync(key, Standard(), 0);

        await position.ReceiveAsync("rcv-1", 5, "PO-1");
        await position.ReceiveAsync("rcv-1", 5, "PO-1");
        await position.RecordStoreReturnAsync("ret-1", 1, "T-9");
        await position.RecordStoreReturnAsync("ret-1", 1, "T-9");

        Assert.Equal(6, (await position.GetPositionAsync()).Figures.OnHand);
    }

    [Fact]
    public async Task StoreSale_BelowReserved_PreemptsMarketplaceFirst_AndOwnerIsNotified()
    {
        var key = NewKey();
        var position = await Cluster.NewPositionAsync(key, Standard(), 10);
        var owner = $"mp:{Guid.NewGuid():N}";
        var web = await position.ReserveAsync(Request(key, "w1", Web, 4));
        var marketplace = await position.ReserveAsync(Request(key, "m1", Marketplace, 4, owner: owner));

        var sale = await position.RecordStoreSaleAsync("pos-1", 5, "T-1");

        var preempted = Assert.Single(sale.Preempted);
        Assert.Equal((marketplace.ReservationId, PreemptionCause.StoreSale), (preempted.ReservationId, preempted.Cause));
        await WaitUntilAsync(() => RecordingReservationOwner.NoticesOf(owner).Count == 1, because: "the owner is told");
        Assert.Equal(preempted, Assert.Single(RecordingReservationOwner.NoticesOf(owner)));
        var details = await position.GetPositionAsync();
        Assert.Equal((5, 4), (details.Figures.OnHand, details.Figures.Reserved));
        Assert.Equal(web.ReservationId, Assert.Single(details.Reservations).ReservationId);
        await WaitUntilAsync(async () => (await position.GetPositionAsync()).PendingNotices == 0, because: "the delivery is acknowledged");
    }

    [Fact]
    public async Task Preemption_OwnerFailsTwice_NoticeIsRetriedUntilDeliveredOnce()
    {
        var key = NewKey();
        var position = await Cluster.NewPositionAsync(key, Standard(), 4);
        var owner = $"web:{Guid.NewGuid():N}";
        RecordingReservationOwner.FailNext(owner, 2);
        await position.ReserveAsync(Request(key, "w1", Web, 4, owner: owner));

        await position.RecordDamageAsync("dmg-1", 1, "dropped");

        await WaitUntilAsync(async () => (await position.GetPositionAsync()).PendingNotices == 0, because: "the notice is delivered after retries");
        var notice = Assert.IsType<ReservationPreempted>(Assert.Single(RecordingReservationOwner.NoticesOf(owner)));
        Assert.Equal(PreemptionCause.Damage, notice.Cause);
    }

    [Fact]
    public async Task StoreSale_BeyondOnHand_RecordsSaleAndRaisesNegativeStockException()
    {
        var key = NewKey();
        var position = await Cluster.NewPositionAsync(key, Standard(), 2);
        RequestContextScope.Set("corr-neg-" + key.Sku);

        MovementResult sale;
        try
        {
            sale = await position.RecordStoreSaleAsync("pos-neg-" + key.Sku, 5, "T-7");
        }
        finally
        {
            RequestContextScope.Clear();
        }

        Assert.Equal(3, sale.NegativeStock!.Shortfall);
        Assert.Equal(0, (await position.GetPositionAsync()).Figures.OnHand);
        var queue = Cluster.GrainFactory.GetGrain<IExceptionQueueGrain>(IExceptionQueueGrain.GlobalKey);
        ExceptionRecord? record = null;
        await WaitUntilAsync(async () =>
        {
            record = (await queue.GetAsync(ExceptionCategory.NegativeStock)).SingleOrDefault(r => r.TraceKey == $"NegativeStock/{key}");
            return record is not null;
        }, because: "the exception queue receives the report");
        Assert.Equal(["pos-neg-" + key.Sku], record!.SourceEventIds);
        Assert.Equal(["corr-neg-" + key.Sku], record.CorrelationIds);
        Assert.Contains("T-7", record.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SafetyStock_OnlyProtectedTierMayConsumeIt_AndCapLimitsMarketplace()
    {
        var key = NewKey();
        var position = await Cluster.NewPositionAsync(key, Standard(safetyStock: 3, marketplaceCap: ChannelCap.Units(2)), 10);

        Assert.Equal(10, await position.GetAvailableToSellAsync(Store));
        Assert.Equal(7, await position.GetAvailableToSellAsync(Web));
        Assert.Equal(2, await position.GetAvailableToSellAsync(Marketplace));
        var capped = await position.ReserveAsync(Request(key, "m1", Marketplace, 3));
        var web = await position.ReserveAsync(Request(key, "w1", Web, 7));
        var webMore = await position.ReserveAsync(Request(key, "w2", Web, 1));
        var store = await position.ReserveAsync(Request(key, "s1", Store, 3));

        Assert.Equal(RejectionReason.CapExceeded, capped.Reason);
        Assert.True(web.IsAccepted);
        Assert.Equal(RejectionReason.InsufficientStock, webMore.Reason);
        Assert.True(store.IsAccepted);
    }

    [Fact]
    public async Task PolicyChange_RaisedSafetyStock_PreemptsLowPriority_AndNewReservationsRecordNewVersion()
    {
        var key = NewKey();
        var position = await Cluster.NewPositionAsync(key, Standard(), 10);
        var owner = $"mp:{Guid.NewGuid():N}";
        var before = await position.ReserveAsync(Request(key, "m1", Marketplace, 6, owner: owner));
        var policies = Cluster.GrainFactory.GetGrain<IChannelPolicyGrain>(IChannelPolicyGrain.GlobalKey);

        var stamped = await policies.SetForPositionAsync(key, Standard(safetyStock: 5));

        await WaitUntilAsync(async () => (await position.GetPositionAsync()).Figures.PolicyVersion == stamped.Version, because: "the position applies the new policy");
        var notice = Assert.IsType<ReservationPreempted>(Assert.Single(await NoticesEventually(owner)));
        Assert.Equal((before.ReservationId, PreemptionCause.PolicyChanged), (notice.ReservationId, notice.Cause));
        var after = await position.ReserveAsync(Request(key, "w1", Web, 5));
        Assert.Equal(stamped.Version, after.PolicyVersion);
        Assert.True(stamped.Version > before.PolicyVersion);
        Assert.Equal(5, (await position.GetPositionAsync()).Figures.SafetyStock);
    }

    [Fact]
    public async Task Transfer_OutOfOneLocationIntoAnother_MovesOnHandThroughInTransit()
    {
        var source = NewKey("DC-1");
        var to = source with { LocationId = "STORE-2" };
        var origin = await Cluster.NewPositionAsync(source, Standard(), 10);
        var destination = await Cluster.NewPositionAsync(to, Standard(), 0);

        await origin.TransferOutAsync("tr-out", "TR-1", 4, to.LocationId);
        await destination.AnnounceTransferInAsync("tr-announce", "TR-1", 4, source.LocationId);
        var inTransit = (await destination.GetPositionAsync()).Figures;
        await destination.ReceiveTransferAsync("tr-in", "TR-1", 4, source.LocationId);

        Assert.Equal(6, (await origin.GetPositionAsync()).Figures.OnHand);
        Assert.Equal((0, 4), (inTransit.OnHand, inTransit.InTransit));
        var arrived = (await destination.GetPositionAsync()).Figures;
        Assert.Equal((4, 0), (arrived.OnHand, arrived.InTransit));
        await Assert.ThrowsAsync<InsufficientStockException>(() => origin.TransferOutAsync("tr-out-2", "TR-2", 7, to.LocationId));
    }

    [Fact]
    public async Task Returns_ByDisposition_AndQualityControl_MoveTheRightFigures()
    {
        var key = NewKey();
        var position = await Cluster.NewPositionAsync(key, Standard(), 5);

        await position.ReceiveReturnAsync("rma-1", "RMA-1", 1, ReturnDisposition.Restock);
        await position.ReceiveReturnAsync("rma-2", "RMA-2", 2, ReturnDisposition.ProcessingRequired);
        await position.ReceiveReturnAsync("rma-3", "RMA-3", 1, ReturnDisposition.NotRestocked);
        await position.ProcessReturnAsync("rma-2-a", "RMA-2", 1, QualityControlOutcome.Restocked);
        await position.ProcessReturnAsync("rma-2-b", "RMA-2", 1, QualityControlOutcome.Damaged);
        await position.MoveToQualityControlAsync("qc-1", 2, "inspect");
        await position.ReleaseFromQualityControlAsync("qc-2", 2, QualityControlOutcome.Restocked);
        await position.ExpectIncomingAsync("asn-1", 8, "ASN-1");
        await position.AdjustAsync("count-1", 6, "cycle count");

        var figures = (await position.GetPositionAsync()).Figures;
        Assert.Equal((6, 1, 0, 8), (figures.OnHand, figures.Damaged, figures.QualityControl, figures.Incoming));
    }

    private static async Task<IReadOnlyList<InventoryEvent>> NoticesEventually(string owner)
    {
        await WaitUntilAsync(() => RecordingReservationOwner.NoticesOf(owner).Count > 0, because: "the owner is told");
        return RecordingReservationOwner.NoticesOf(owner);
    }
}
