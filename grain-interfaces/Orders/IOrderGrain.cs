using Orleans.Concurrency;

namespace Parity.GrainInterfaces.Orders;

/// <summary>
/// One canonical order (key <c>{channel}:{channelOrderId}</c>, see <see cref="OrderId"/>): a journal of business
/// events folded into a whitelisted lifecycle with line-level partial states. It sources and reserves stock through
/// inventory positions, ships, cancels, takes returns, refunds and exchanges, and hands finance facts to posting.
/// </summary>
/// <remarks>
/// Every command is idempotent by its event id: a retry returns the recorded outcome and changes nothing. An event
/// whose prerequisite has not arrived (a shipment before the payment) is parked and applied when it does.
/// </remarks>
[Orleans.Alias("parity.orders.IOrderGrain")]
public interface IOrderGrain : IGrainWithStringKey
{
    /// <summary>Places the order (OrderPlaced). Placing again with the same event id returns the first outcome.</summary>
    /// <param name="order">The order.</param>
    /// <exception cref="OrderValidationException">The order is malformed or its key does not match.</exception>
    /// <exception cref="OrderTransitionException">The order was already placed by another event.</exception>
    [Orleans.Alias("Place")]
    Task<OrderOutcome> PlaceAsync(PlaceOrder order);

    /// <summary>Applies one lifecycle event (payment, shipment, delivery, cancellation, return, refund, exchange, close).</summary>
    /// <param name="command">The event.</param>
    /// <returns>Applied, or Parked until its prerequisite arrives.</returns>
    /// <exception cref="OrderNotFoundException">Nothing was placed under this key and the event cannot wait for it.</exception>
    /// <exception cref="OrderTransitionException">The lifecycle does not allow the event (e.g. cancelling shipped lines).</exception>
    /// <exception cref="OrderValidationException">The event names lines or quantities the order does not have.</exception>
    [Orleans.Alias("Apply")]
    Task<OrderOutcome> ApplyAsync(OrderCommand command);

    /// <summary>Whether the order could take <paramref name="storeReturn"/> now (read only): null when it could, else what
    /// the store must correct. A store day asks before it records a POS return line that names the order.</summary>
    [Orleans.Alias("CheckStoreReturn")]
    [AlwaysInterleave]
    Task<StoreReturnProblem?> CheckStoreReturnAsync(StoreReturn storeReturn);

    /// <summary>Records units returned at a store and reported by its POS, idempotent by <see cref="StoreReturn.EventId"/>.
    /// Units the order's channel already reported returned at that store are the same units: they are matched, not
    /// restocked or reversed again.</summary>
    /// <exception cref="OrderNotFoundException">Nothing was placed under this key.</exception>
    /// <exception cref="OrderValidationException">The line, SKU or quantity does not fit the order.</exception>
    /// <exception cref="OrderTransitionException">The order takes no returns any more (closed or cancelled).</exception>
    [Orleans.Alias("ReceiveStoreReturn")]
    Task<OrderOutcome> ReceiveStoreReturnAsync(StoreReturn storeReturn);

    /// <summary>Whether the order counts <paramref name="reservationId"/> as an active allocation (read only). A
    /// position's hold audit asks this of old Order-kind holds made under the order's request ids: one the order does
    /// not know was left by a crashed attempt and is released.</summary>
    /// <param name="reservationId">The position's reservation id.</param>
    [Orleans.Alias("HoldsReservation")]
    Task<bool> HoldsReservationAsync(string reservationId);

    /// <summary>The order's status with its line states, or null when nothing was placed or parked under this key.</summary>
    [Orleans.Alias("Get")]
    [AlwaysInterleave]
    Task<OrderView?> GetAsync();

    /// <summary>Every journaled event of the order with its lineage (correlation, causation, source system and event id).</summary>
    [Orleans.Alias("GetHistory")]
    [AlwaysInterleave]
    Task<IReadOnlyList<OrderHistoryEntry>> GetHistoryAsync();
}
