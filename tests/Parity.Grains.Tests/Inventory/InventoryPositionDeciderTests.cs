using Parity.GrainInterfaces.Inventory;
using Parity.Grains.Inventory;
using static Parity.Grains.Tests.Inventory.Policies;

namespace Parity.Grains.Tests.Inventory;

public sealed class InventoryPositionDeciderTests
{
    private static readonly DateTimeOffset T0 = TestPosition.T0;

    [Fact]
    public void Reserve_WithinAts_IsAcceptedAndCountsInReserved()
    {
        var position = new TestPosition(Standard(), onHand: 10);

        var outcome = position.Reserve("r1", Web, 4);

        Assert.True(outcome.IsAccepted);
        Assert.Equal(4, position.State.Reserved);
        Assert.Equal(6, position.Ats(Web));
    }

    [Fact]
    public void Reserve_BeyondAts_IsRejectedAllOrNothing()
    {
        var position = new TestPosition(Standard(), onHand: 3);

        var outcome = position.Reserve("r1", Web, 4);

        Assert.Equal(ReservationStatus.Rejected, outcome.Status);
        Assert.Equal(RejectionReason.InsufficientStock, outcome.Reason);
        Assert.Equal(3, outcome.Available);
        Assert.Equal(0, position.State.Reserved);
    }

    [Fact]
    public void Reserve_TierAboveProtected_CannotConsumeSafetyStock_ProtectedTierCan()
    {
        var position = new TestPosition(Standard(safetyStock: 3), onHand: 10);

        Assert.Equal(7, position.Ats(Web));
        Assert.Equal(7, position.Ats(Marketplace));
        Assert.Equal(10, position.Ats(Store));
        Assert.False(position.Reserve("web-8", Web, 8).IsAccepted);
        Assert.True(position.Reserve("web-7", Web, 7).IsAccepted);
        Assert.True(position.Reserve("store-3", Store, 3).IsAccepted);
        Assert.Equal(10, position.State.Reserved);
    }

    [Fact]
    public void Reserve_ProtectedTierRaised_LetsThatTierConsumeSafetyStock()
    {
        var position = new TestPosition(Standard(safetyStock: 3) with { ProtectedTier = 1 }, onHand: 10);

        Assert.Equal(10, position.Ats(Web));
        Assert.Equal(7, position.Ats(Marketplace));
    }

    [Fact]
    public void Reserve_MarketplaceBeyondCap_IsRejected()
    {
        var position = new TestPosition(Standard(marketplaceCap: ChannelCap.Units(5)), onHand: 100);

        Assert.True(position.Reserve("m1", Marketplace, 4).IsAccepted);
        var outcome = position.Reserve("m2", Marketplace, 2);

        Assert.Equal(RejectionReason.CapExceeded, outcome.Reason);
        Assert.Equal(1, outcome.Available);
        Assert.True(position.Reserve("w1", Web, 50).IsAccepted);
    }

    [Fact]
    public void Reserve_MarketplaceBeyondFractionOfSellable_IsRejected()
    {
        var position = new TestPosition(Standard(marketplaceCap: ChannelCap.FractionOfSellable(0.3m)), onHand: 101);

        Assert.Equal(30, position.Ats(Marketplace));
        Assert.True(position.Reserve("m1", Marketplace, 30).IsAccepted);
        Assert.Equal(RejectionReason.CapExceeded, position.Reserve("m2", Marketplace, 1).Reason);
    }

    [Fact]
    public void Reserve_LinesForSamePosition_AreSummed()
    {
        var position = new TestPosition(Standard(), onHand: 6);
        var lines = new[]
        {
            new ReserveLine(TestPosition.Key.Sku, TestPosition.Key.LocationId, 3),
            new ReserveLine("OTHER-SKU", TestPosition.Key.LocationId, 50),
            new ReserveLine(TestPosition.Key.Sku, TestPosition.Key.LocationId, 4),
        };

        var rejected = position.Reserve(new ReserveRequest("r1", Web, "web:o1", ReservationKind.Order, lines));
        position.Run(InventoryPositionDecider.Receive(position.State, 1, null));
        var accepted = position.Reserve(new ReserveRequest("r2", Web, "web:o2", ReservationKind.Order, lines));

        Assert.Equal((ReservationStatus.Rejected, 7), (rejected.Status, rejected.Quantity));
        Assert.Equal((ReservationStatus.Accepted, 7), (accepted.Status, accepted.Quantity));
        Assert.Single(position.State.Reservations);
    }

    [Fact]
    public void Reserve_NoLineForThisPosition_IsRejected()
    {
        var position = new TestPosition(Standard(), onHand: 6);

        var outcome = position.Reserve(new ReserveRequest(
            "r1", Web, "web:o1", ReservationKind.Order, [new ReserveLine("OTHER", "STORE-1", 1)]));

        Assert.Equal(RejectionReason.NoLinesForPosition, outcome.Reason);
    }

    [Fact]
    public void Reserve_RetriedAcceptedRequest_ReturnsOriginalOutcome_AndRaisesNothing()
    {
        var position = new TestPosition(Standard(), onHand: 5);
        var first = position.Reserve("r1", Web, 5);
        position.Run(InventoryPositionDecider.Release(position.State, first.ReservationId!, "cart emptied"));

        var retry = InventoryPositionDecider.Reserve(position.State, Request("r1", Web, 5), position.Policy, T0);

        Assert.Empty(retry.Events);
        Assert.Equal(first, retry.Result);
    }

    [Fact]
    public void Reserve_RetriedRejectedRequest_ReturnsOriginalRejection_EvenAfterStockArrives()
    {
        var position = new TestPosition(Standard(), onHand: 1);
        var first = position.Reserve("r1", Web, 5);
        position.Run(InventoryPositionDecider.Receive(position.State, 100, "PO-1"));

        var retry = InventoryPositionDecider.Reserve(position.State, Request("r1", Web, 5), position.Policy, T0);

        Assert.Empty(retry.Events);
        Assert.Equal(first, retry.Result);
        Assert.False(retry.Result.IsAccepted);
    }

    [Fact]
    public void Reserve_RecordsPolicyVersionItWasJudgedBy()
    {
        var position = new TestPosition(Standard(version: 7), onHand: 5);

        var outcome = position.Reserve("r1", Web, 1);

        Assert.Equal(7, outcome.PolicyVersion);
        Assert.Equal(7, Assert.IsType<Reserved>(position.Ledger[^1]).PolicyVersion);
        Assert.Equal(7, position.State.Reservations.Single().PolicyVersion);
    }

    [Fact]
    public void Reserve_WithPolicyNotYetApplied_Throws()
    {
        var position = new TestPosition(Standard(version: 1), onHand: 5);

        Assert.Throws<InvalidOperationException>(() =>
            InventoryPositionDecider.Reserve(position.State, Request("r1", Web, 1), Standard(version: 2), T0));
    }

    [Fact]
    public void Reserve_Cart_ExpiresAfterChannelTtl_OrderNever()
    {
        var position = new TestPosition(Standard(webCartTtl: TimeSpan.FromMinutes(20)), onHand: 10);
        position.Reserve("cart", Web, 2, ReservationKind.Cart);
        position.Reserve("market-cart", Marketplace, 1, ReservationKind.Cart, T0.AddMinutes(1));
        position.Reserve("order", Web, 3);

        Assert.Equal(T0.AddMinutes(16), position.State.NextExpiry);
        Assert.Empty(position.Run(InventoryPositionDecider.ExpireDue(position.State, T0.AddMinutes(15))));

        var first = position.Run(InventoryPositionDecider.ExpireDue(position.State, T0.AddMinutes(16)));
        Assert.Equal("market-cart", ReservationOf(position, first.Single()));
        Assert.Equal(T0.AddMinutes(20), position.State.NextExpiry);

        var second = position.Run(InventoryPositionDecider.ExpireDue(position.State, T0.AddDays(1)));
        Assert.Single(second);
        Assert.Null(position.State.NextExpiry);
        Assert.Equal(3, position.State.Reserved);
    }

    [Fact]
    public void Release_ActiveReservation_FreesStock_RetryIsAnsweredNotFailed()
    {
        var position = new TestPosition(Standard(), onHand: 5);
        var outcome = position.Reserve("r1", Web, 5);

        var released = position.Run(InventoryPositionDecider.Release(position.State, outcome.ReservationId!, null));
        var again = InventoryPositionDecider.Release(position.State, outcome.ReservationId!, null);

        Assert.True(released.Released);
        Assert.False(again.Result.Released);
        Assert.Empty(again.Events);
        Assert.Equal(5, position.Ats(Web));
    }

    [Fact]
    public void Ship_LowersOnHandAndEndsReservation()
    {
        var position = new TestPosition(Standard(), onHand: 5);
        var outcome = position.Reserve("r1", Web, 2);

        position.Run(InventoryPositionDecider.Ship(position.State, position.Policy, outcome.ReservationId!, "DHL-1"));

        Assert.Equal((3, 0), (position.State.OnHand, position.State.Reserved));
        Assert.Throws<ReservationNotActiveException>(() =>
            InventoryPositionDecider.Ship(position.State, position.Policy, outcome.ReservationId!, "DHL-1"));
    }

    [Fact]
    public void StoreSale_BelowReserved_PreemptsLowestPriorityFirst_NewestFirstWithinTier()
    {
        var position = new TestPosition(Standard(), onHand: 10);
        position.Reserve("store", Store, 2);
        position.Reserve("web-old", Web, 2);
        position.Reserve("market", Marketplace, 2);
        position.Reserve("web-new", Web, 2);

        var result = position.Sell(6);

        Assert.Equal(["market", "web-new"], result.Preempted.Select(p => RequestOf(position, p.ReservationId)));
        Assert.All(result.Preempted, p => Assert.Equal(PreemptionCause.StoreSale, p.Cause));
        Assert.Equal("marketplace:market", result.Preempted[0].OrderRef);
        Assert.Equal((4, 4), (position.State.OnHand, position.State.Reserved));
        Assert.Null(result.NegativeStock);
    }

    [Fact]
    public void StoreSale_LeavingSafetyStockUncovered_PreemptsLowerTiersOnly()
    {
        var position = new TestPosition(Standard(safetyStock: 2), onHand: 10);
        position.Reserve("web", Web, 8);
        position.Reserve("store", Store, 2);

        var result = position.Sell(1);

        // 9 on hand, 2 kept back: web may hold 7, so its 8 go; the store's 2 stay.
        Assert.Equal("web", RequestOf(position, result.Preempted.Single().ReservationId));
        Assert.Equal(2, position.State.Reserved);
    }

    [Fact]
    public void StoreSale_BeyondOnHand_RecordsSale_FloorsOnHandAtZero_AndReportsNegativeStock()
    {
        var position = new TestPosition(Standard(), onHand: 3);
        position.Reserve("web", Web, 3);

        var result = position.Sell(5, "T-77");

        var sold = Assert.IsType<StoreSold>(position.Ledger.First(e => e is StoreSold));
        Assert.Equal((5, 2), (sold.Quantity, sold.Shortfall));
        Assert.Equal(0, position.State.OnHand);
        Assert.Equal(new NegativeStock(TestPosition.Key, "T-77", 5, 3, 2), result.NegativeStock);
        Assert.Single(result.Preempted);
        Assert.Equal(0, position.State.Reserved);
    }

    [Fact]
    public void Adjust_CountBelowReserved_SetsOnHandAndPreempts()
    {
        var position = new TestPosition(Standard(), onHand: 10);
        position.Reserve("web", Web, 6);
        position.Reserve("market", Marketplace, 4);

        var result = position.Run(InventoryPositionDecider.Adjust(position.State, position.Policy, 7, "cycle count"));

        Assert.Equal(-3, position.Ledger.OfType<InventoryAdjusted>().Single().Delta);
        Assert.Equal(7, position.State.OnHand);
        Assert.Equal(PreemptionCause.CycleCount, result.Preempted.Single().Cause);
        Assert.Equal("market", RequestOf(position, result.Preempted.Single().ReservationId));
    }

    [Fact]
    public void Damage_BelowReserved_MovesToDamagedAndPreempts()
    {
        var position = new TestPosition(Standard(), onHand: 4);
        position.Reserve("web", Web, 4);

        var result = position.Run(InventoryPositionDecider.RecordDamage(position.State, position.Policy, 1, "dropped"));

        Assert.Equal((3, 1, 0), (position.State.OnHand, position.State.Damaged, position.State.Reserved));
        Assert.Equal(PreemptionCause.Damage, result.Preempted.Single().Cause);
        Assert.Throws<InsufficientStockException>(() =>
            InventoryPositionDecider.RecordDamage(position.State, position.Policy, 4, null));
    }

    [Fact]
    public void ApplyPolicy_RaisedSafetyStock_PreemptsLowerTiers()
    {
        var position = new TestPosition(Standard(safetyStock: 0, version: 1), onHand: 10);
        position.Reserve("web", Web, 9);

        var result = position.UsePolicy(Standard(safetyStock: 2, version: 2));

        Assert.Equal(PreemptionCause.PolicyChanged, result.Preempted.Single().Cause);
        Assert.Equal((2L, 2), (position.State.PolicyVersion, position.State.SafetyStock));
    }

    [Fact]
    public void QualityControl_MoveAndRelease_RoutesUnitsByOutcome()
    {
        var position = new TestPosition(Standard(), onHand: 10);

        position.Run(InventoryPositionDecider.MoveToQualityControl(position.State, position.Policy, 4, "inspect"));
        position.Run(InventoryPositionDecider.ReleaseFromQualityControl(position.State, 3, QualityControlOutcome.Restocked));
        position.Run(InventoryPositionDecider.ReleaseFromQualityControl(position.State, 1, QualityControlOutcome.Damaged));

        Assert.Equal((9, 0, 1), (position.State.OnHand, position.State.QualityControl, position.State.Damaged));
    }

    [Theory]
    [InlineData(ReturnDisposition.Restock, 12, 0)]
    [InlineData(ReturnDisposition.NotRestocked, 10, 0)]
    [InlineData(ReturnDisposition.ProcessingRequired, 10, 2)]
    [InlineData(ReturnDisposition.Missing, 10, 0)]
    public void ReturnReceived_EachDisposition_MovesStockAsItSays(ReturnDisposition disposition, int onHand, int qualityControl)
    {
        var position = new TestPosition(Standard(), onHand: 10);

        position.Run(InventoryPositionDecider.ReceiveReturn(position.State, "RMA-1", 2, disposition));

        Assert.Equal((onHand, qualityControl, 0), (position.State.OnHand, position.State.QualityControl, position.State.Damaged));
    }

    [Fact]
    public void ReturnProcessingRequired_LaterRestockedOrDamaged()
    {
        var position = new TestPosition(Standard(), onHand: 0);
        position.Run(InventoryPositionDecider.ReceiveReturn(position.State, "RMA-1", 3, ReturnDisposition.ProcessingRequired));

        position.Run(InventoryPositionDecider.ProcessReturn(position.State, "RMA-1", 2, QualityControlOutcome.Restocked));
        position.Run(InventoryPositionDecider.ProcessReturn(position.State, "RMA-1", 1, QualityControlOutcome.Damaged));

        Assert.Equal((2, 0, 1), (position.State.OnHand, position.State.QualityControl, position.State.Damaged));
        Assert.Throws<InsufficientStockException>(() =>
            InventoryPositionDecider.ProcessReturn(position.State, "RMA-1", 1, QualityControlOutcome.Restocked));
    }

    [Fact]
    public void ReleaseFromQualityControl_CannotTakeUnitsAwaitingReturnProcessing()
    {
        var position = new TestPosition(Standard(), onHand: 0);
        position.Run(InventoryPositionDecider.ReceiveReturn(position.State, "RMA-1", 2, ReturnDisposition.ProcessingRequired));

        Assert.Throws<InsufficientStockException>(() =>
            InventoryPositionDecider.ReleaseFromQualityControl(position.State, 1, QualityControlOutcome.Restocked));
    }

    [Fact]
    public void Ship_ProtectedTierUsingSafetyStock_PreemptsLowerTierBeyondHeadroom()
    {
        // Web took all it could (8 of 10 with 2 kept back); the store then used the SafetyStock. Once the
        // store's units ship, 8 remain and only 6 may be held by lower tiers.
        var position = new TestPosition(Standard(safetyStock: 2), onHand: 10);
        position.Reserve("web-1", Web, 5);
        position.Reserve("web-2", Web, 3);
        var store = position.Reserve("store", Store, 2);

        var result = position.Run(InventoryPositionDecider.Ship(position.State, position.Policy, store.ReservationId!, "PICKUP"));

        Assert.Equal("web-2", RequestOf(position, result.Preempted.Single().ReservationId));
        Assert.Equal(PreemptionCause.Shipment, result.Preempted.Single().Cause);
    }

    [Fact]
    public void StoreSale_ShrinkingFractionalCap_PreemptsOnlyThatChannelsNewest()
    {
        var position = new TestPosition(Standard(marketplaceCap: ChannelCap.FractionOfSellable(0.5m)), onHand: 10);
        position.Reserve("m-old", Marketplace, 3);
        position.Reserve("m-new", Marketplace, 2);
        position.Reserve("web", Web, 1);

        var result = position.Sell(2);

        // 8 on hand: marketplace may hold 4 and gives up its newest; web is untouched.
        Assert.Equal("m-new", RequestOf(position, result.Preempted.Single().ReservationId));
    }

    [Fact]
    public void StoreReturn_PutsUnitsBackOnHand()
    {
        var position = new TestPosition(Standard(), onHand: 1);

        position.Run(InventoryPositionDecider.RecordStoreReturn(position.State, 2, "T-2"));

        Assert.Equal(3, position.State.OnHand);
    }

    [Fact]
    public void TransferOut_LowersOnHand_OnlyFromUnreservedStock()
    {
        var position = new TestPosition(Standard(), onHand: 10);
        position.Reserve("web", Web, 6);

        position.Run(InventoryPositionDecider.TransferOut(position.State, position.Policy, "TR-1", 4, "DC-1"));

        Assert.Equal(6, position.State.OnHand);
        var refused = Assert.Throws<InsufficientStockException>(() =>
            InventoryPositionDecider.TransferOut(position.State, position.Policy, "TR-2", 1, "DC-1"));
        Assert.Equal(0, refused.Available);
    }

    [Fact]
    public void TransferIn_AnnouncedThenReceived_MovesInTransitToOnHand()
    {
        var position = new TestPosition(Standard(), onHand: 0);

        position.Run(InventoryPositionDecider.AnnounceTransferIn(position.State, "TR-1", 5, "DC-1"));
        Assert.Equal((0, 5), (position.State.OnHand, position.State.InTransit));
        position.Run(InventoryPositionDecider.ReceiveTransfer(position.State, "TR-1", 4, "DC-1"));
        Assert.Equal((4, 1), (position.State.OnHand, position.State.InTransit));
        position.Run(InventoryPositionDecider.ReceiveTransfer(position.State, "TR-1", 3, "DC-1"));

        // A transfer delivering more than announced settles only what was in transit.
        Assert.Equal((7, 0), (position.State.OnHand, position.State.InTransit));
    }

    [Fact]
    public void Receive_AgainstIncoming_SettlesIncoming()
    {
        var position = new TestPosition(Standard(), onHand: 0);
        position.Run(InventoryPositionDecider.ExpectIncoming(position.State, 10, "PO-1"));

        position.Run(InventoryPositionDecider.Receive(position.State, 6, "PO-1"));
        position.Run(InventoryPositionDecider.Receive(position.State, 2, "PO-OTHER"));

        Assert.Equal((8, 4), (position.State.OnHand, position.State.Incoming));
    }

    [Fact]
    public void Availability_ReportsAtsPerChannel_ForTheAvailabilityGrain()
    {
        var position = new TestPosition(Standard(safetyStock: 2, marketplaceCap: ChannelCap.Units(3)), onHand: 10);

        var availability = InventoryPositionDecider.Availability(position.State, position.Policy);

        Assert.Equal(10, availability.AtsFor(Store));
        Assert.Equal(8, availability.AtsFor(Web));
        Assert.Equal(3, availability.AtsFor(Marketplace));
        Assert.Equal(8, availability.AtsFor("unlisted"));
        Assert.Equal(position.State.Version, availability.Version);
    }

    private static ReserveRequest Request(string requestId, string channel, int quantity) =>
        new(requestId, channel, $"{channel}:{requestId}", ReservationKind.Order,
            [new ReserveLine(TestPosition.Key.Sku, TestPosition.Key.LocationId, quantity)]);

    private static string RequestOf(TestPosition position, string reservationId) =>
        position.Ledger.OfType<Reserved>().Single(r => r.ReservationId == reservationId).RequestId;

    private static string ReservationOf(TestPosition position, ReservationExpired expired) =>
        RequestOf(position, expired.ReservationId);
}
