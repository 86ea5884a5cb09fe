using System.Text.Json;
using Orleans;

namespace Parity.GrainInterfaces.Orders;

/// <summary>An order as the status endpoint shows it.</summary>
/// <param name="OrderId">Canonical id.</param>
/// <param name="Channel">The channel.</param>
/// <param name="Status">Derived status.</param>
/// <param name="Currency">Currency.</param>
/// <param name="PlacedAt">When placed.</param>
/// <param name="Lines">Line states.</param>
/// <param name="Authorized">Amount authorized.</param>
/// <param name="Captured">Amount captured.</param>
/// <param name="Refunded">Amount refunded.</param>
/// <param name="ParkedEvents">Event ids waiting for a prerequisite.</param>
/// <param name="ExchangeOf">The order this one is an exchange for.</param>
/// <param name="Exchanges">Orders placed as exchanges of this one.</param>
/// <param name="Version">Number of journaled events.</param>
/// <param name="PartiallyRefunded">Some money went back but less than was paid: the status stays that of the lines.</param>
/// <param name="ExchangeCredit">Of <paramref name="Captured"/>, the exchange credit (tender <c>exchange-credit</c>) this
/// replacement was paid with: the value of the units returned on <paramref name="ExchangeOf"/>.</param>
/// <param name="ExchangeCreditGiven">What this order's returned units paid of its exchanges' replacements, instead of a refund.</param>
/// <param name="Problems">What is wrong with the stored order (events whose amounts overflow its figures, journaled before the
/// money bounds), null when nothing is; the figures leave those events out.</param>
[GenerateSerializer]
[Alias("parity.orders.OrderView")]
public sealed record OrderView(
    [property: Id(0)] string OrderId,
    [property: Id(1)] string Channel,
    [property: Id(2)] OrderStatus Status,
    [property: Id(3)] string? Currency,
    [property: Id(4)] DateTimeOffset? PlacedAt,
    [property: Id(5)] IReadOnlyList<OrderLineView> Lines,
    [property: Id(6)] decimal Authorized,
    [property: Id(7)] decimal Captured,
    [property: Id(8)] decimal Refunded,
    [property: Id(9)] IReadOnlyList<string> ParkedEvents,
    [property: Id(10)] string? ExchangeOf,
    [property: Id(11)] IReadOnlyList<string> Exchanges,
    [property: Id(12)] long Version,
    [property: Id(13)] bool PartiallyRefunded = false,
    [property: Id(14)] decimal ExchangeCredit = 0m,
    [property: Id(15)] decimal ExchangeCreditGiven = 0m,
    [property: Id(16)] IReadOnlyList<string>? Problems = null);

/// <summary>The state of one line: units in each partial state.</summary>
/// <param name="LineId">Line id.</param>
/// <param name="Sku">SKU.</param>
/// <param name="Quantity">Ordered.</param>
/// <param name="Allocated">Reserved and not yet shipped.</param>
/// <param name="Backordered">Open units with no reservation.</param>
/// <param name="Shipped">Shipped.</param>
/// <param name="Delivered">Delivered.</param>
/// <param name="Returned">Returned.</param>
/// <param name="Cancelled">Cancelled.</param>
/// <param name="Allocations">Where units are or were reserved, with the sourcing rule version used.</param>
[GenerateSerializer]
[Alias("parity.orders.OrderLineView")]
public sealed record OrderLineView(
    [property: Id(0)] string LineId,
    [property: Id(1)] string Sku,
    [property: Id(2)] int Quantity,
    [property: Id(3)] int Allocated,
    [property: Id(4)] int Backordered,
    [property: Id(5)] int Shipped,
    [property: Id(6)] int Delivered,
    [property: Id(7)] int Returned,
    [property: Id(8)] int Cancelled,
    [property: Id(9)] IReadOnlyList<AllocationView> Allocations);

/// <summary>A reservation held for a line.</summary>
/// <param name="LocationId">Where.</param>
/// <param name="Quantity">Units.</param>
/// <param name="ReservationId">The position's reservation id.</param>
/// <param name="RuleVersion">Version of the sourcing rules that chose it.</param>
/// <param name="State">Active, Shipped, Released or Preempted.</param>
[GenerateSerializer]
[Alias("parity.orders.AllocationView")]
public sealed record AllocationView(
    [property: Id(0)] string LocationId,
    [property: Id(1)] int Quantity,
    [property: Id(2)] string ReservationId,
    [property: Id(3)] string RuleVersion,
    [property: Id(4)] string State);

/// <summary>One journaled event of an order with its lineage.</summary>
/// <param name="Sequence">Journal sequence.</param>
/// <param name="Type">Event type.</param>
/// <param name="RecordedAt">When it was journaled.</param>
/// <param name="CorrelationId">Correlation id of the request that caused it.</param>
/// <param name="CausationId">The command or event that caused it: the id of the request's command (its event id, a
/// Shopify webhook id) for events a request raised; the unblocking event for a parked event applied later; the event
/// that queued a fact or capture for its hand-over; the placement for its count; the reservation for a lost reservation.
/// Null only in journals written before causation was recorded.</param>
/// <param name="SourceSystem">The system it came from.</param>
/// <param name="SourceEventId">The source system's id of it.</param>
/// <param name="Event">The event itself (its <c>$type</c> names it).</param>
[GenerateSerializer]
[Alias("parity.orders.OrderHistoryEntry")]
public sealed record OrderHistoryEntry(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string Type,
    [property: Id(2)] DateTimeOffset RecordedAt,
    [property: Id(3)] string? CorrelationId,
    [property: Id(4)] string? CausationId,
    [property: Id(5)] string? SourceSystem,
    [property: Id(6)] string? SourceEventId,
    [property: Id(7)] JsonElement Event);
