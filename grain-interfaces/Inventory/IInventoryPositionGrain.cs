using Orleans.Concurrency;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>
/// One SKU at one location (key <c>SKU@LOCATION</c>, see <see cref="PositionKey"/>): an append-only ledger of
/// typed movements from which every figure is derived. Never oversells: reservations are judged by each
/// channel's ATS, SafetyStock and cap under the effective channel policy, and stock that falls below what is
/// reserved preempts reservations, lowest priority and newest first, telling each owner.
/// </summary>
/// <remarks>
/// Every mutating call carries an idempotency key (an event id, or the request id of a reserve): a retry
/// returns the original outcome and moves nothing. A caller is answered only once the call's events are
/// durable. Remembered keys are bounded (see <c>InventoryPositionState.DefaultOutcomeRetention</c>), except
/// that an active reservation's request id is never forgotten.
/// </remarks>
[Orleans.Alias("parity.inventory.IInventoryPositionGrain")]
public interface IInventoryPositionGrain : IGrainWithStringKey
{
    /// <summary>Holds the summed demand of the request's lines for this position, all or nothing.
    /// Idempotent by <see cref="ReserveRequest.RequestId"/>: a retry gets the original outcome, accepted or rejected.</summary>
    /// <param name="request">The request; lines for other positions are ignored here.</param>
    /// <returns>Accepted with the reservation id, or rejected with the reason and the channel's ATS.</returns>
    [Orleans.Alias("Reserve")]
    Task<ReservationOutcome> ReserveAsync(ReserveRequest request);

    /// <summary>Gives a reservation back (cart emptied, order cancelled). Releasing one that already ended answers
    /// <c>Released = false</c>; a retry of the same <paramref name="eventId"/> gets its original answer.</summary>
    /// <param name="eventId">Idempotency key of the command.</param>
    /// <param name="reservationId">The reservation.</param>
    /// <param name="reason">Why, for the audit trail.</param>
    [Orleans.Alias("Release")]
    Task<ReleaseResult> ReleaseAsync(string eventId, string reservationId, string? reason);

    /// <summary>Commits a reservation to a shipment: OnHand falls by its quantity and the reservation ends.</summary>
    /// <param name="eventId">Idempotency key of the command.</param>
    /// <param name="reservationId">The reservation shipped.</param>
    /// <param name="shipmentRef">Carrier or shipment reference.</param>
    /// <exception cref="ReservationNotActiveException">The reservation is not active here.</exception>
    [Orleans.Alias("Ship")]
    Task<MovementResult> ShipAsync(string eventId, string reservationId, string shipmentRef);

    /// <summary>Announces units on a purchase order or ASN: Incoming rises.</summary>
    /// <param name="eventId">Idempotency key of the command.</param>
    /// <param name="quantity">Units expected.</param>
    /// <param name="reference">Purchase order or ASN reference.</param>
    [Orleans.Alias("ExpectIncoming")]
    Task<MovementResult> ExpectIncomingAsync(string eventId, int quantity, string reference);

    /// <summary>Receives units into OnHand, settling what <paramref name="reference"/> had announced as Incoming.</summary>
    /// <param name="eventId">Idempotency key of the command.</param>
    /// <param name="quantity">Units received.</param>
    /// <param name="reference">Receipt, purchase order or ASN reference, if any.</param>
    [Orleans.Alias("Receive")]
    Task<MovementResult> ReceiveAsync(string eventId, int quantity, string? reference);

    /// <summary>A cycle count: OnHand becomes <paramref name="countedQuantity"/>; a fall preempts reservations as needed.</summary>
    /// <param name="eventId">Idempotency key of the command.</param>
    /// <param name="countedQuantity">Sellable units counted.</param>
    /// <param name="reason">Why the count was taken.</param>
    [Orleans.Alias("Adjust")]
    Task<MovementResult> AdjustAsync(string eventId, int countedQuantity, string? reason);

    /// <summary>Records a POS sale, a fact that is never refused. A sale beyond OnHand is reported as NegativeStock
    /// to the exception queue; a fall below Reserved preempts reservations.</summary>
    /// <param name="eventId">Idempotency key of the command (the POS line's event id).</param>
    /// <param name="quantity">Units sold.</param>
    /// <param name="ticketRef">POS ticket reference.</param>
    [Orleans.Alias("RecordStoreSale")]
    Task<MovementResult> RecordStoreSaleAsync(string eventId, int quantity, string ticketRef);

    /// <summary>Records a POS return put back on the shelf: OnHand rises.</summary>
    /// <param name="eventId">Idempotency key of the command.</param>
    /// <param name="quantity">Units returned.</param>
    /// <param name="ticketRef">POS ticket reference.</param>
    [Orleans.Alias("RecordStoreReturn")]
    Task<MovementResult> RecordStoreReturnAsync(string eventId, int quantity, string ticketRef);

    /// <summary>Ships unreserved units to another location.</summary>
    /// <param name="eventId">Idempotency key of the command.</param>
    /// <param name="transferId">Transfer reference shared by both ends.</param>
    /// <param name="quantity">Units shipped.</param>
    /// <param name="toLocationId">Destination.</param>
    /// <exception cref="InsufficientStockException">More than OnHand − Reserved.</exception>
    [Orleans.Alias("TransferOut")]
    Task<MovementResult> TransferOutAsync(string eventId, string transferId, int quantity, string toLocationId);

    /// <summary>A transfer to this location was shipped: InTransit rises.</summary>
    /// <param name="eventId">Idempotency key of the command.</param>
    /// <param name="transferId">Transfer reference shared by both ends.</param>
    /// <param name="quantity">Units on the way.</param>
    /// <param name="fromLocationId">Origin.</param>
    [Orleans.Alias("AnnounceTransferIn")]
    Task<MovementResult> AnnounceTransferInAsync(string eventId, string transferId, int quantity, string fromLocationId);

    /// <summary>Receives transferred units: OnHand rises, InTransit falls by what the transfer had announced.</summary>
    /// <param name="eventId">Idempotency key of the command.</param>
    /// <param name="transferId">Transfer reference shared by both ends.</param>
    /// <param name="quantity">Units received.</param>
    /// <param name="fromLocationId">Origin.</param>
    [Orleans.Alias("ReceiveTransfer")]
    Task<MovementResult> ReceiveTransferAsync(string eventId, string transferId, int quantity, string fromLocationId);

    /// <summary>Writes units off from OnHand to Damaged, preempting as needed.</summary>
    /// <param name="eventId">Idempotency key of the command.</param>
    /// <param name="quantity">Units written off.</param>
    /// <param name="reason">What happened.</param>
    /// <exception cref="InsufficientStockException">More than OnHand.</exception>
    [Orleans.Alias("RecordDamage")]
    Task<MovementResult> RecordDamageAsync(string eventId, int quantity, string? reason);

    /// <summary>Moves units from OnHand to QualityControl for inspection, preempting as needed.</summary>
    /// <param name="eventId">Idempotency key of the command.</param>
    /// <param name="quantity">Units moved.</param>
    /// <param name="reason">Why they are inspected.</param>
    /// <exception cref="InsufficientStockException">More than OnHand.</exception>
    [Orleans.Alias("MoveToQualityControl")]
    Task<MovementResult> MoveToQualityControlAsync(string eventId, int quantity, string? reason);

    /// <summary>Releases inspected units from QualityControl to OnHand or Damaged.</summary>
    /// <param name="eventId">Idempotency key of the command.</param>
    /// <param name="quantity">Units released.</param>
    /// <param name="outcome">Where they go.</param>
    /// <exception cref="InsufficientStockException">More than QualityControl holds outside pending returns.</exception>
    [Orleans.Alias("ReleaseFromQualityControl")]
    Task<MovementResult> ReleaseFromQualityControlAsync(string eventId, int quantity, QualityControlOutcome outcome);

    /// <summary>Receives a customer return with its Disposition.</summary>
    /// <param name="eventId">Idempotency key of the command.</param>
    /// <param name="returnRef">Return reference.</param>
    /// <param name="quantity">Units returned.</param>
    /// <param name="disposition">Restock, NotRestocked, ProcessingRequired or Missing.</param>
    [Orleans.Alias("ReceiveReturn")]
    Task<MovementResult> ReceiveReturnAsync(string eventId, string returnRef, int quantity, ReturnDisposition disposition);

    /// <summary>Decides units of a ProcessingRequired return: Restocked to OnHand, or Damaged.</summary>
    /// <param name="eventId">Idempotency key of the command.</param>
    /// <param name="returnRef">Return reference.</param>
    /// <param name="quantity">Units decided.</param>
    /// <param name="outcome">Restocked or Damaged.</param>
    /// <exception cref="InsufficientStockException">More than the return has awaiting processing.</exception>
    [Orleans.Alias("ProcessReturn")]
    Task<MovementResult> ProcessReturnAsync(string eventId, string returnRef, int quantity, QualityControlOutcome outcome);

    /// <summary>The channel policy changed (sent by <see cref="IChannelPolicyGrain"/>). The position applies
    /// <paramref name="policy"/> when its configuration version is newer than the one it holds, preempting what a
    /// raised SafetyStock or a tighter cap no longer allows. Idempotent by configuration version.</summary>
    /// <param name="policy">The effective policy of this position.</param>
    [Orleans.Alias("PolicyChanged")]
    Task<MovementResult> PolicyChangedAsync(EffectivePolicy policy);

    /// <summary>Asks the position to push its ATS to the SKU availability grain again (used when that grain
    /// reactivates). Interleaves: it only schedules the push.</summary>
    [Orleans.Alias("RepushAvailability")]
    [AlwaysInterleave]
    Task RepushAvailabilityAsync();

    /// <summary>ATS of <paramref name="channelId"/> here: OnHand − Reserved − SafetyStock where the channel's tier
    /// must leave it, limited by the channel's remaining cap.</summary>
    /// <param name="channelId">The channel.</param>
    [Orleans.Alias("GetAvailableToSell")]
    [AlwaysInterleave]
    Task<int> GetAvailableToSellAsync(string channelId);

    /// <summary>ATS of the query's channel together with what the position holds for one cause of an order (active
    /// Order-kind reservations of <see cref="HoldsQuery.OrderRef"/> whose request id starts with the query's prefix),
    /// and unused request ids: an order plans from this, adopting its own holds, in one round trip.</summary>
    /// <param name="query">Channel, order, request id prefix and the request ids the order means to use.</param>
    [Orleans.Alias("GetAvailableToSellWithHolds")]
    [AlwaysInterleave]
    Task<AvailabilityWithHolds> GetAvailableToSellWithHoldsAsync(HoldsQuery query);

    /// <summary>The full position: figures, active reservations, ATS per channel, outbox depth.</summary>
    [Orleans.Alias("GetPosition")]
    [AlwaysInterleave]
    Task<PositionDetails> GetPositionAsync();
}
