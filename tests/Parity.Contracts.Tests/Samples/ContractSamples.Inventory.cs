using Parity.GrainInterfaces.Inventory;

namespace Parity.Contracts.Tests.Samples;

internal static partial class ContractSamples
{
    internal static PositionKey Position => new("SKU-123", "STORE-042");

    internal static ChannelPolicy Policy => new()
    {
        Version = 12,
        ProtectedTier = 1,
        SafetyStock = 3,
        DefaultCartTtl = TimeSpan.FromMinutes(25),
        Channels = new Dictionary<string, ChannelRule>
        {
            ["web"] = new(1, ChannelCap.FractionOfSellable(0.5m), TimeSpan.FromMinutes(10)),
            ["marketplace"] = new(2, ChannelCap.Units(7), TimeSpan.FromMinutes(20)),
        },
    };

    internal static ReservationPreempted Preempted => new("res-1", "marketplace", "amz:555", 2, PreemptionCause.CycleCount);

    internal static ReleaseResult Release => new("res-3", true);

    internal static MovementResult Movement => new(
        [Preempted, new ReservationPreempted("res-2", "web", "web:1001", 1, PreemptionCause.StoreSale)],
        new NegativeStock(Position, "T-77", 3, 1, 2));

    private static IEnumerable<ContractSample> Inventory()
    {
        var figures = new PositionFigures(Position, 40, 2, 3, 6, 12, 4, 3, 12, 57);
        var availability = new PositionAvailability("STORE-042", 17, new Dictionary<string, int> { ["web"] = 5, ["marketplace"] = 2 }, 1);
        var secondPolicy = Policy with { Version = 13, SafetyStock = 5 };
        ReserveLine[] lines = [new("SKU-123", "STORE-042", 2), new("SKU-123", "STORE-042", 1)];
        ReservationInfo[] reservations =
        [
            new("res-1", "req-1", "web", "web:1001", 2, ReservationKind.Order, At.AddMinutes(15), 12),
            new("res-2", "req-2", "marketplace", "amz:555", 1, ReservationKind.Order, Later, 11),
        ];

        yield return ContractSample.Of(Position);
        yield return ContractSample.Of(ChannelCap.Units(7));
        yield return ContractSample.Of(ChannelCap.FractionOfSellable(0.3m), "fraction");
        yield return ContractSample.Of(new ChannelRule(2, ChannelCap.Units(7), TimeSpan.FromMinutes(20)));
        yield return ContractSample.Of(Policy);
        yield return ContractSample.Of(new EffectivePolicy(44, Policy));
        yield return ContractSample.Of(new PositionPolicy(Position, Policy));
        yield return ContractSample.Of(new ChannelPolicyConfiguration(
            45,
            Policy,
            new Dictionary<string, ChannelPolicy> { ["STORE-042"] = Policy, ["DC-1"] = secondPolicy },
            [new PositionPolicy(Position, secondPolicy), new PositionPolicy(new PositionKey("SKU-9", "DC-1"), Policy)]));
        yield return ContractSample.Of(new LocationAts("STORE-042", 5));
        yield return ContractSample.Of(new ChannelAvailability("SKU-123", "web", 9, [new("STORE-042", 5), new("DC-1", 4)]));
        yield return ContractSample.Of(new ChannelAvailability("SKU-123", "marketplace", 4, [new("STORE-042", 5), new("DC-1", 4)], ["DC-1", "DC-2"]), "sourced");
        yield return ContractSample.Of(availability);
        yield return ContractSample.Of(figures);
        yield return ContractSample.Of(reservations[0]);
        yield return ContractSample.Of(new PositionDetails(figures, reservations, availability, 2, 5));
        yield return ContractSample.Of(new HoldsQuery("web", "web:1001", "web:1001|auth-1|", ["web:1001|auth-1|1@STORE-042", "web:1001|auth-1|2@STORE-042"]));
        yield return ContractSample.Of(new AvailabilityWithHolds(3, reservations, ["web:1001|auth-1|1@STORE-042~1", "web:1001|auth-1|2@STORE-042"]));
        yield return ContractSample.Of(lines[0]);
        yield return ContractSample.Of(new ReserveRequest("req-1", "web", "web:1001", ReservationKind.Order, lines));
        yield return ContractSample.Of(new ReservationOutcome("req-1", ReservationStatus.Rejected, "res-1", 3, 1, RejectionReason.CapExceeded, 12));
        yield return ContractSample.Of(Release);
        yield return ContractSample.Of(Movement.NegativeStock!);
        yield return ContractSample.Of(Movement);

        // The ledger's events: the polymorphic family under InventoryEvent.
        yield return ContractSample.Of(new PolicyApplied(12, 3));
        yield return ContractSample.Of(new IncomingExpected(24, "PO-1"));
        yield return ContractSample.Of(new InventoryReceived(20, 18, "ASN-1"));
        yield return ContractSample.Of(new InventoryAdjusted(38, -2, "cycle count"));
        yield return ContractSample.Of(new StoreSold(3, 1, "T-77"));
        yield return ContractSample.Of(new StoreReturned(1, "T-78"));
        yield return ContractSample.Of(new Reserved("res-1", "req-1", "web", "web:1001", 2, ReservationKind.Order, At.AddMinutes(15), 12, At));
        yield return ContractSample.Of(new ReservationRequestRejected("req-2", "marketplace", "amz:556", 5, 2, RejectionReason.CapExceeded, 12));
        yield return ContractSample.Of(new ReservationReleased("res-3", "cart emptied"));
        yield return ContractSample.Of(new ReservationExpired("res-4", "web:cart-9", Later));
        yield return ContractSample.Of(Preempted);
        yield return ContractSample.Of(new Shipped("res-5", 2, "UPS-1Z999"));
        yield return ContractSample.Of(new TransferredOut("TR-1", 4, "STORE-007"));
        yield return ContractSample.Of(new TransferInbound("TR-2", 6, "DC-1"));
        yield return ContractSample.Of(new TransferredIn("TR-2", 6, 5, "DC-1"));
        yield return ContractSample.Of(new DamageRecorded(1, "dropped"));
        yield return ContractSample.Of(new MovedToQualityControl(2, "smell"));
        yield return ContractSample.Of(new ReleasedFromQualityControl(1, QualityControlOutcome.Damaged));
        yield return ContractSample.Of(new ReturnReceived("RMA-1", 1, ReturnDisposition.ProcessingRequired));
        yield return ContractSample.Of(new ReturnProcessed("RMA-1", 1, QualityControlOutcome.Damaged));
        yield return ContractSample.Of(new MovementRecorded("evt-9", Movement, "corr-1"));
        yield return ContractSample.Of(new MovementRecorded("evt-9", Movement, "corr-1", "a receipt of 5 units (reference PO-1) #0123456789abcdef"), "fingerprint");
        yield return ContractSample.Of(new ReleaseRecorded("evt-10", Release));
        yield return ContractSample.Of(new NoticeDelivered("notice-3"));

        yield return ContractSample.Of(PreemptionCause.PolicyChanged);
        yield return ContractSample.Of(QualityControlOutcome.Damaged);
        yield return ContractSample.Of(RejectionReason.CapExceeded);
        yield return ContractSample.Of(ReservationKind.Order);
        yield return ContractSample.Of(ReservationStatus.Rejected);
        yield return ContractSample.Of(ReturnDisposition.ProcessingRequired);

        yield return ContractSample.Of(WithData(new InsufficientStockException(Position, "Transfer out", 5, 2)));
        yield return ContractSample.Of(WithData(new ReservationNotActiveException(Position, "res-9")));
        yield return ContractSample.Of(WithData(new PositionLimitExceededException(Position, "quantity", "on hand", 999_999_990, 11)));
        yield return ContractSample.Of(WithData(new EventIdConflictException(Position, "evt-9", "a receipt of 5 units (reference PO-1)", "a receipt of 6 units (reference PO-1)")));
    }
}
