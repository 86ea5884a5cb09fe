using System.Text.Json.Serialization;
using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>
/// One typed movement in an inventory position's append-only ledger. Every figure of the position
/// (OnHand, Reserved, ...) is folded from these; events carry the deltas the decision computed, so
/// folding never re-decides anything.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(PolicyApplied), "policy-applied")]
[JsonDerivedType(typeof(IncomingExpected), "incoming-expected")]
[JsonDerivedType(typeof(InventoryReceived), "received")]
[JsonDerivedType(typeof(InventoryAdjusted), "adjusted")]
[JsonDerivedType(typeof(StoreSold), "store-sold")]
[JsonDerivedType(typeof(StoreReturned), "store-returned")]
[JsonDerivedType(typeof(Reserved), "reserved")]
[JsonDerivedType(typeof(ReservationRequestRejected), "reservation-request-rejected")]
[JsonDerivedType(typeof(ReservationReleased), "reservation-released")]
[JsonDerivedType(typeof(ReservationExpired), "reservation-expired")]
[JsonDerivedType(typeof(ReservationPreempted), "reservation-preempted")]
[JsonDerivedType(typeof(Shipped), "shipped")]
[JsonDerivedType(typeof(TransferredOut), "transferred-out")]
[JsonDerivedType(typeof(TransferInbound), "transfer-inbound")]
[JsonDerivedType(typeof(TransferredIn), "transferred-in")]
[JsonDerivedType(typeof(DamageRecorded), "damaged")]
[JsonDerivedType(typeof(MovedToQualityControl), "moved-to-quality-control")]
[JsonDerivedType(typeof(ReleasedFromQualityControl), "released-from-quality-control")]
[JsonDerivedType(typeof(ReturnReceived), "return-received")]
[JsonDerivedType(typeof(ReturnProcessed), "return-processed")]
[JsonDerivedType(typeof(MovementRecorded), "movement-recorded")]
[JsonDerivedType(typeof(ReleaseRecorded), "release-recorded")]
[JsonDerivedType(typeof(NoticeDelivered), "notice-delivered")]
[GenerateSerializer]
[Alias("parity.inventory.InventoryEvent")]
public abstract record InventoryEvent;
