using System.Text.Json.Serialization;
using Parity.GrainInterfaces.Inventory;
using Parity.GrainInterfaces.Orders;
using Parity.GrainInterfaces.Posting;

namespace Parity.Grains.Orders;

/// <summary>One event of an order's journal. The grain decides (sourcing, reservations, whitelist) before raising,
/// so events carry results and folding never re-decides.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(OrderPlaced), "order-placed")]
[JsonDerivedType(typeof(PaymentAuthorized), "payment-authorized")]
[JsonDerivedType(typeof(PaymentCaptured), "payment-captured")]
[JsonDerivedType(typeof(LinesAllocated), "lines-allocated")]
[JsonDerivedType(typeof(AllocationEnded), "allocation-ended")]
[JsonDerivedType(typeof(LinesShipped), "lines-shipped")]
[JsonDerivedType(typeof(OrderDelivered), "delivered")]
[JsonDerivedType(typeof(LinesCancelled), "lines-cancelled")]
[JsonDerivedType(typeof(ReturnRecorded), "return-received")]
[JsonDerivedType(typeof(StoreReturnRecorded), "store-return-recorded")]
[JsonDerivedType(typeof(ChannelReturnMatched), "channel-return-matched")]
[JsonDerivedType(typeof(RefundRecorded), "refunded")]
[JsonDerivedType(typeof(ExchangeLinked), "exchanged")]
[JsonDerivedType(typeof(OrderClosed), "closed")]
[JsonDerivedType(typeof(EventParked), "event-parked")]
[JsonDerivedType(typeof(ParkedEventEscalated), "parked-event-escalated")]
[JsonDerivedType(typeof(OutcomeRecorded), "outcome-recorded")]
[JsonDerivedType(typeof(FactQueued), "fact-queued")]
[JsonDerivedType(typeof(FactSubmitted), "fact-submitted")]
[JsonDerivedType(typeof(CaptureQueued), "capture-queued")]
[JsonDerivedType(typeof(CaptureHandedOff), "capture-handed-off")]
[JsonDerivedType(typeof(PlacementCounted), "placement-counted")]
public abstract record OrderEvent;

/// <summary>OrderPlaced.</summary>
public sealed record OrderPlaced(PlaceOrder Order) : OrderEvent;

/// <summary>PaymentAuthorized.</summary>
public sealed record PaymentAuthorized(string EventId, decimal Amount, string? Tender, string? Reference) : OrderEvent;

/// <summary>PaymentCaptured.</summary>
public sealed record PaymentCaptured(string EventId, decimal Amount, string? Tender, string? Reference) : OrderEvent;

/// <summary>LinesAllocated (or AllocationFailed, when nothing could be reserved): reservations made and units backordered.</summary>
public sealed record LinesAllocated(string CauseId, string RuleVersion, IReadOnlyList<Allocation> Allocations, IReadOnlyList<LineQuantity> Backordered) : OrderEvent;

/// <summary>A reservation ended without shipping: released (cancellation, split) or preempted by the position.</summary>
public sealed record AllocationEnded(string ReservationId, AllocationStatus Status, string? Reason) : OrderEvent;

/// <summary>Shipped: units committed to a shipment at their positions. <paramref name="Invoiced"/> is what its sale facts
/// debit to tender clearing; <paramref name="Allowance"/> what they book as a discount instead, because it was refunded
/// before the units shipped (both zero in journals written before they were kept).</summary>
public sealed record LinesShipped(string EventId, string? CarrierRef, IReadOnlyList<ShippedItem> Items, decimal Invoiced = 0, decimal Allowance = 0) : OrderEvent;

/// <summary>Delivered.</summary>
public sealed record OrderDelivered(string EventId, IReadOnlyList<LineQuantity> Lines) : OrderEvent;

/// <summary>Cancelled (lines).</summary>
public sealed record LinesCancelled(string EventId, IReadOnlyList<LineQuantity> Lines, string? Reason) : OrderEvent;

/// <summary>ReturnReceived: lines back at a location with their disposition; <paramref name="Owed"/> is the refund the return
/// owes on refunds payable (zero in journals written before it was kept).</summary>
public sealed record ReturnRecorded(string EventId, string LocationId, string? Reference, IReadOnlyList<ReturnedItem> Items, decimal Owed = 0) : OrderEvent;

/// <summary>
/// A store's POS reported units of this order returned there (bought online, returned in store). <paramref name="Matched"/>
/// of them the order's channel had already reported returned at that store: the same units, neither restocked nor
/// reversed again; the rest were restocked at the store per <paramref name="Disposition"/> and the sale reversed.
/// </summary>
public sealed record StoreReturnRecorded(string EventId, string StoreId, string TicketId, string LineId, int Quantity, int Matched, ReturnDisposition Disposition) : OrderEvent;

/// <summary>A ReturnReceived of the order's channel named units a store's POS had already reported returned at that
/// location: the same units, matched instead of restocked and reversed again.</summary>
public sealed record ChannelReturnMatched(string EventId, string LocationId, IReadOnlyList<LineQuantity> Lines) : OrderEvent;

/// <summary>Refunded, with what the refund pays back (<see cref="OrderFacts.SplitRefund"/>): <paramref name="ForReturns"/> of
/// refunds owed by returns, <paramref name="Unshipped"/> of money taken for units never invoiced, and
/// <paramref name="Allowance"/> for goods shipped and kept (all zero in journals written before they were kept).</summary>
public sealed record RefundRecorded(
    string EventId, decimal Amount, string? Tender, string? Reference, decimal ForReturns = 0, decimal Unshipped = 0, decimal Allowance = 0) : OrderEvent;

/// <summary>Exchanged: a replacement order was placed and linked; <paramref name="Credit"/> of what the returned units owed
/// was applied to it as its exchange-credit payment (zero in journals written before the credit was kept).</summary>
public sealed record ExchangeLinked(string EventId, string NewOrderId, decimal Credit = 0) : OrderEvent;

/// <summary>Closed.</summary>
public sealed record OrderClosed(string EventId) : OrderEvent;

/// <summary>An event waits for its prerequisite; its lineage is kept so that it is journaled with it when applied.</summary>
public sealed record EventParked(OrderCommand Command, DateTimeOffset ParkedAt, string Reason, string? CorrelationId, string? SourceSystem) : OrderEvent;

/// <summary>A parked event outlived the parking window and was raised as OutOfSequence.</summary>
public sealed record ParkedEventEscalated(string EventId) : OrderEvent;

/// <summary>The outcome a retry of the event id gets; also takes an applied event off the parked list.
/// <paramref name="Fingerprint"/> is what the event asked (<see cref="OrderFingerprint"/>), which a retry must repeat; null
/// in journals written before it was kept, and when a parked event is applied (its parking recorded it).</summary>
public sealed record OutcomeRecorded(OrderOutcome Outcome, string? Fingerprint = null) : OrderEvent;

/// <summary>A business fact waits to be handed to posting.</summary>
public sealed record FactQueued(BusinessFact Fact) : OrderEvent;

/// <summary>Posting took the fact.</summary>
public sealed record FactSubmitted(string FactId, string JournalKey) : OrderEvent;

/// <summary>A captured payment waits to be recorded with its provider's receivables (settlement matching).</summary>
public sealed record CaptureQueued(PendingCapture Capture) : OrderEvent;

/// <summary>The provider's receivables took the capture (or refused it for good; the refusal is logged).</summary>
public sealed record CaptureHandedOff(string Reference) : OrderEvent;

/// <summary>
/// The channel's reconciliation figures took the placement. Raised with the next events the order journals anyway (or
/// on a timer tick), not in the placement's own turn, so counting adds no journal write to the placement; until it is
/// journaled a new activation offers the placement again, which the figures take as a no-op (upsert by order id).
/// </summary>
public sealed record PlacementCounted : OrderEvent;

/// <summary>A capture for <c>IReceivablesGrain.RecordCaptureAsync</c>.</summary>
/// <param name="Provider">The payment provider (the receivables grain's key).</param>
/// <param name="Reference">The provider's payment reference.</param>
/// <param name="Amount">Amount captured.</param>
/// <param name="Currency">The order's currency.</param>
/// <param name="CapturedAt">When it was captured.</param>
/// <param name="EventId">The capture event, the cause of the hand-over (null in journals written before it was kept).</param>
public sealed record PendingCapture(string Provider, string Reference, decimal Amount, string Currency, DateTimeOffset CapturedAt, string? EventId = null);

/// <summary>A reservation made for a line.</summary>
/// <param name="LineId">The line.</param>
/// <param name="LocationId">Where.</param>
/// <param name="Quantity">Units.</param>
/// <param name="ReservationId">The position's reservation id.</param>
public sealed record Allocation(string LineId, string LocationId, int Quantity, string ReservationId);

/// <summary>Units of a line.</summary>
public sealed record LineQuantity(string LineId, int Quantity);

/// <summary>Units shipped from one reservation.</summary>
public sealed record ShippedItem(string LineId, string LocationId, int Quantity, string ReservationId);

/// <summary>Units returned with their disposition.</summary>
public sealed record ReturnedItem(string LineId, int Quantity, ReturnDisposition Disposition);

/// <summary>Where an allocation stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AllocationStatus>))]
public enum AllocationStatus
{
    /// <summary>Reserved and not shipped.</summary>
    Active,

    /// <summary>Committed to a shipment.</summary>
    Shipped,

    /// <summary>Given back by the order.</summary>
    Released,

    /// <summary>Taken back by the position.</summary>
    Preempted,
}
