using System.Text.Json.Serialization;
using Orleans;
using Parity.GrainInterfaces.Inventory;

namespace Parity.GrainInterfaces.Orders;

/// <summary>
/// One lifecycle event of an order in canonical form. Which members matter depends on <see cref="Type"/>:
/// payments use <see cref="Amount"/>, <see cref="Tender"/> and <see cref="Reference"/>; shipments use
/// <see cref="Lines"/>, <see cref="LocationId"/> and <see cref="Reference"/> (carrier ref); returns use
/// <see cref="Lines"/> (with disposition) and <see cref="LocationId"/> (where the return was received);
/// exchanges add <see cref="Replacement"/>.
/// </summary>
/// <param name="EventId">Idempotency key; a retry with the same id gets the original outcome.</param>
/// <param name="Type">What happened.</param>
/// <param name="OccurredAt">When it happened in the source system.</param>
/// <param name="Lines">The lines concerned; null or empty means every line still open for the event.</param>
/// <param name="LocationId">Ship-from location, or the location that received a return.</param>
/// <param name="Amount">Amount authorized, captured or refunded.</param>
/// <param name="Tender">Tender method (card, cash, gift-card ...).</param>
/// <param name="Reference">Payment, carrier or return reference.</param>
/// <param name="Reason">Free-text reason (cancellation, return).</param>
/// <param name="Replacement">For an exchange: the replacement order to place, linked to this one.</param>
[GenerateSerializer]
[Alias("parity.orders.OrderCommand")]
// Immutable (built fresh, never changed after): Orleans passes it by reference within a silo instead of deep-copying it.
[Immutable]
public sealed record OrderCommand(
    [property: Id(0)] string EventId,
    [property: Id(1)] OrderEventType Type,
    [property: Id(2)] DateTimeOffset OccurredAt,
    [property: Id(3)] IReadOnlyList<OrderCommandLine>? Lines = null,
    [property: Id(4)] string? LocationId = null,
    [property: Id(5)] decimal? Amount = null,
    [property: Id(6)] string? Tender = null,
    [property: Id(7)] string? Reference = null,
    [property: Id(8)] string? Reason = null,
    [property: Id(9)] PlaceOrder? Replacement = null);

/// <summary>A line of a lifecycle event.</summary>
/// <param name="LineId">The order line.</param>
/// <param name="Quantity">Units concerned; positive.</param>
/// <param name="Disposition">For returns: what happens to the units.</param>
[GenerateSerializer]
[Alias("parity.orders.OrderCommandLine")]
public sealed record OrderCommandLine(
    [property: Id(0)] string LineId,
    [property: Id(1)] int Quantity,
    [property: Id(2)] ReturnDisposition? Disposition = null);

/// <summary>The lifecycle events an order takes after OrderPlaced.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OrderEventType>))]
[GenerateSerializer]
[Alias("parity.orders.OrderEventType")]
public enum OrderEventType
{
    /// <summary>The payment provider authorized the amount; the order is then sourced and reserved.</summary>
    PaymentAuthorized,

    /// <summary>The authorized amount was captured.</summary>
    PaymentCaptured,

    /// <summary>Lines left a location (needs their allocation).</summary>
    Shipped,

    /// <summary>The carrier delivered what was shipped.</summary>
    Delivered,

    /// <summary>Lines (or the whole order) cancelled before shipment; their reservations are released.</summary>
    Cancelled,

    /// <summary>Returned lines were received at a location with a disposition.</summary>
    ReturnReceived,

    /// <summary>Money went back to a tender.</summary>
    Refunded,

    /// <summary>Returned lines are replaced by a new, linked order.</summary>
    Exchanged,

    /// <summary>Nothing more will happen to the order.</summary>
    Closed,
}
