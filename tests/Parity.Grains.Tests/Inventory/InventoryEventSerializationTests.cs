using System.Text.Json;
using Parity.GrainInterfaces.Inventory;

namespace Parity.Grains.Tests.Inventory;

public sealed class InventoryEventSerializationTests
{
    private static readonly DateTimeOffset T0 = TestPosition.T0;

    public static TheoryData<InventoryEvent> Samples() =>
    [
        new PolicyApplied(3, 5),
        new IncomingExpected(10, "PO-1"),
        new InventoryReceived(10, 4, "PO-1"),
        new InventoryReceived(1, 0, null),
        new InventoryAdjusted(7, -3, "cycle count"),
        new StoreSold(5, 2, "T-1"),
        new StoreReturned(1, "T-2"),
        new Reserved("SKU@S#1", "req-1", "web", "web:o1", 2, ReservationKind.Cart, T0.AddMinutes(20), 3, T0),
        new ReservationRequestRejected("req-2", "marketplace", "mp:o2", 4, 1, RejectionReason.CapExceeded, 3),
        new ReservationReleased("SKU@S#1", "cart emptied"),
        new ReservationExpired("SKU@S#1", "web:o1", T0.AddMinutes(20)),
        new ReservationPreempted("SKU@S#1", "web", "web:o1", 2, PreemptionCause.StoreSale),
        new Shipped("SKU@S#1", 2, "DHL-1"),
        new TransferredOut("TR-1", 3, "DC-1"),
        new TransferInbound("TR-2", 3, "DC-1"),
        new TransferredIn("TR-2", 3, 3, "DC-1"),
        new DamageRecorded(1, "dropped"),
        new MovedToQualityControl(2, "inspect"),
        new ReleasedFromQualityControl(2, QualityControlOutcome.Restocked),
        new ReturnReceived("RMA-1", 1, ReturnDisposition.ProcessingRequired),
        new ReturnProcessed("RMA-1", 1, QualityControlOutcome.Damaged),
        new MovementRecorded("pos-1", new MovementResult(
            [new ReservationPreempted("SKU@S#1", "web", "web:o1", 2, PreemptionCause.StoreSale)],
            new NegativeStock(TestPosition.Key, "T-1", 5, 3, 2)), "corr-1"),
        new ReleaseRecorded("rel-1", new ReleaseResult("SKU@S#1", true)),
        new NoticeDelivered("preempted:SKU@S#1"),
    ];

    [Theory]
    [MemberData(nameof(Samples))]
    public void Event_RoundTripsThroughJsonAsInventoryEvent(InventoryEvent e)
    {
        var json = JsonSerializer.Serialize(e);

        var back = JsonSerializer.Deserialize<InventoryEvent>(json);

        Assert.StartsWith("{\"$type\":", json, StringComparison.Ordinal);
        Assert.Equal(json, JsonSerializer.Serialize(back));
        if (e is not MovementRecorded)
        {
            // Record equality compares lists by reference, so only events without lists are compared whole.
            Assert.Equal(e, back);
        }
    }

    [Fact]
    public void Samples_CoverEveryEventType()
    {
        var sampled = ((IEnumerable<object[]>)Samples()).Select(row => row[0].GetType()).ToHashSet();
        var missing = typeof(InventoryEvent).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(InventoryEvent)) && !t.IsAbstract && !sampled.Contains(t))
            .Select(t => t.Name)
            .ToList();

        Assert.True(missing.Count == 0, $"No round-trip sample for: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Enums_AreWrittenAsNames_SoTheLedgerSurvivesReordering()
    {
        var json = JsonSerializer.Serialize<InventoryEvent>(new ReturnReceived("RMA-1", 1, ReturnDisposition.Missing));

        Assert.Contains("\"Disposition\":\"Missing\"", json, StringComparison.Ordinal);
    }
}
