using System.Text.Json;
using Parity.GrainInterfaces.Inventory;
using Parity.Grains.Inventory;
using Parity.Providers.Journal;
using static Parity.Grains.Tests.Inventory.Policies;

namespace Parity.Grains.Tests.Inventory;

/// <summary>The grain's journaled state: snapshots, command dedupe, outbox, bounded memory.</summary>
public sealed class InventoryPositionGrainStateTests
{
    private static readonly PositionKey Key = TestPosition.Key;

    [Fact]
    public void Snapshot_RoundTripThroughJournalJson_EqualsLiveState_AndKeepsFoldingAlike()
    {
        var live = Busy();

        var json = JsonSerializer.Serialize(live, ParityJournal.DefaultJsonOptions);
        var restored = JsonSerializer.Deserialize<InventoryPositionGrainState>(json, ParityJournal.DefaultJsonOptions)!;

        AssertEqual(live, restored);
        Assert.Equal(json, JsonSerializer.Serialize(restored, ParityJournal.DefaultJsonOptions));

        // Both go on identically, including retention and the expiry order rebuilt from the reservations.
        InventoryEvent[] more =
        [
            new ReservationExpired($"{Key}#3", "web:o3", TestPosition.T0.AddMinutes(20)),
            new Reserved($"{Key}#9", "r9", Web, "web:o9", 1, ReservationKind.Cart, TestPosition.T0.AddMinutes(5), 1, TestPosition.T0),
            new NoticeDelivered("preempted:" + $"{Key}#2"),
        ];
        foreach (var e in more)
        {
            live.Apply(e);
            restored.Apply(e);
        }

        AssertEqual(live, restored);
        Assert.Equal(TestPosition.T0.AddMinutes(5), restored.Ledger!.NextExpiry);
    }

    [Fact]
    public void Outcomes_OfEndedAndRejectedRequests_AreBounded_ActiveOnesAreKept()
    {
        var state = new InventoryPositionState(Key, outcomeRetention: 3);
        state.Apply(new PolicyApplied(1, 0));
        state.Apply(new InventoryReceived(100, 0, null));
        state.Apply(new Reserved($"{Key}#1", "active", Web, "o", 1, ReservationKind.Order, null, 1, TestPosition.T0));
        for (var i = 0; i < 10; i++)
        {
            state.Apply(new ReservationRequestRejected($"rejected-{i}", Web, "o", 500, 99, RejectionReason.InsufficientStock, 1));
        }

        Assert.Equal(4, state.RememberedRequests);
        Assert.True(state.TryGetOutcome("active", out _));
        Assert.True(state.TryGetOutcome("rejected-9", out _));
        Assert.False(state.TryGetOutcome("rejected-6", out _));
    }

    [Fact]
    public void Outbox_HoldsPreemptionsExpiriesAndNegativeStock_UntilDelivered()
    {
        var state = Busy();

        Assert.Equal(["preempted:" + $"{Key}#2", "negative-stock:pos-1"], state.Notices.Select(n => n.Id));
        Assert.Equal("corr-1", state.Notices[1].CorrelationId);
        state.Apply(new NoticeDelivered("negative-stock:pos-1"));
        Assert.Single(state.Notices);
    }

    [Fact]
    public void Commands_AreRememberedWithTheirOriginalAnswer()
    {
        var state = Busy();

        Assert.True(state.TryGetCommand("pos-1", out var sale));
        Assert.Equal(2, sale.Movement!.NegativeStock!.Shortfall);
        Assert.True(state.TryGetCommand("rel-1", out var release));
        Assert.True(release.Release!.Released);
    }

    // A position that went through most kinds of events, with an outbox and remembered commands.
    private static InventoryPositionGrainState Busy()
    {
        var state = new InventoryPositionGrainState();
        state.Initialize(Key);
        var preempted = new ReservationPreempted($"{Key}#2", Marketplace, "mp:o2", 3, PreemptionCause.StoreSale);
        InventoryEvent[] events =
        [
            new PolicyApplied(1, 2),
            new IncomingExpected(5, "PO-1"),
            new InventoryReceived(10, 5, "PO-1"),
            new Reserved($"{Key}#1", "r1", Web, "web:o1", 2, ReservationKind.Order, null, 1, TestPosition.T0),
            new Reserved($"{Key}#2", "r2", Marketplace, "mp:o2", 3, ReservationKind.Order, null, 1, TestPosition.T0),
            new Reserved($"{Key}#3", "r3", Web, "web:o3", 1, ReservationKind.Cart, TestPosition.T0.AddMinutes(20), 1, TestPosition.T0),
            new ReservationRequestRejected("r4", Marketplace, "mp:o4", 50, 3, RejectionReason.InsufficientStock, 1),
            new StoreSold(4, 0, "T-1"),
            preempted,
            new MovementRecorded("pos-0", new MovementResult([preempted], null), "corr-0"),
            new NoticeDelivered("nothing-pending"),
            new Reserved($"{Key}#4", "r5", Store, "store:o5", 1, ReservationKind.Order, null, 1, TestPosition.T0),
            new ReservationReleased($"{Key}#4", "cancelled"),
            new ReleaseRecorded("rel-1", new ReleaseResult($"{Key}#4", true)),
            new TransferInbound("TR-1", 4, "DC-1"),
            new TransferredIn("TR-1", 1, 1, "DC-1"),
            new ReturnReceived("RMA-1", 2, ReturnDisposition.ProcessingRequired),
            new StoreSold(5, 2, "T-2"),
            new MovementRecorded("pos-1", new MovementResult([], new NegativeStock(Key, "T-2", 5, 3, 2)), "corr-1"),
        ];
        foreach (var e in events)
        {
            state.Apply(e);
        }

        return state;
    }

    private static void AssertEqual(InventoryPositionGrainState expected, InventoryPositionGrainState actual)
    {
        Assert.Equal(expected.Ledger!.ToFigures(), actual.Ledger!.ToFigures());
        Assert.Equal(expected.Ledger.Reservations.OrderBy(r => r.Sequence), actual.Ledger.Reservations.OrderBy(r => r.Sequence));
        Assert.Equal(expected.Ledger.CartsByExpiry, actual.Ledger.CartsByExpiry);
        Assert.Equal(expected.Ledger.ReservedByChannel.OrderBy(p => p.Key), actual.Ledger.ReservedByChannel.OrderBy(p => p.Key));
        Assert.Equal(expected.Ledger.NextReservationSequence, actual.Ledger.NextReservationSequence);
        Assert.Equal(expected.Ledger.SoldBeyondOnHand, actual.Ledger.SoldBeyondOnHand);
        Assert.Equal(expected.Ledger.ReturnsAwaitingProcessing, actual.Ledger.ReturnsAwaitingProcessing);
        Assert.Equal(expected.Ledger.RememberedRequests, actual.Ledger.RememberedRequests);
        foreach (var id in new[] { "r1", "r2", "r3", "r4", "r5" })
        {
            Assert.Equal(expected.Ledger.TryGetOutcome(id, out var a) ? a : null, actual.Ledger.TryGetOutcome(id, out var b) ? b : null);
        }

        Assert.Equal(expected.Ledger.IncomingOn("PO-1"), actual.Ledger.IncomingOn("PO-1"));
        Assert.Equal(expected.Ledger.InTransitOn("TR-1"), actual.Ledger.InTransitOn("TR-1"));
        Assert.Equal(expected.Ledger.AwaitingProcessing("RMA-1"), actual.Ledger.AwaitingProcessing("RMA-1"));
        Assert.Equal(JsonSerializer.Serialize(expected.Notices, ParityJournal.DefaultJsonOptions), JsonSerializer.Serialize(actual.Notices, ParityJournal.DefaultJsonOptions));
        Assert.Equal(JsonSerializer.Serialize(expected.Commands, ParityJournal.DefaultJsonOptions), JsonSerializer.Serialize(actual.Commands, ParityJournal.DefaultJsonOptions));
    }
}
