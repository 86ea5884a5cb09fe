using System.Text.Json.Serialization;
using Orleans;
using Parity.GrainInterfaces.Inventory;

namespace Parity.GrainInterfaces.Orders;

/// <summary>
/// Units of an order returned at a store and reported by the store's POS (bought online, returned in store): the POS
/// return line names the order and its line. The store's till already refunded the customer; the order records the
/// return, restocks the units at the store per their disposition and reverses the sale in its own channel.
/// </summary>
/// <param name="EventId">Idempotency key: the store day's event id of the ticket line (<c>pos:{store}:{date}:{ticket}:{line}</c>).</param>
/// <param name="StoreId">The store that took the units back (their restock location).</param>
/// <param name="TicketId">The POS ticket (the return's reference).</param>
/// <param name="LineId">The order line returned.</param>
/// <param name="Sku">The SKU the POS rang up; it must be the order line's.</param>
/// <param name="Quantity">Units returned; positive.</param>
/// <param name="Disposition">Restock (back on the store's shelf) or NotRestocked.</param>
/// <param name="OccurredAt">When the ticket was rung up.</param>
[GenerateSerializer]
[Alias("parity.orders.StoreReturn")]
public sealed record StoreReturn(
    [property: Id(0)] string EventId,
    [property: Id(1)] string StoreId,
    [property: Id(2)] string TicketId,
    [property: Id(3)] string LineId,
    [property: Id(4)] string Sku,
    [property: Id(5)] int Quantity,
    [property: Id(6)] ReturnDisposition Disposition,
    [property: Id(7)] DateTimeOffset OccurredAt);

/// <summary>Why an order cannot take a store return, naming what the store must correct.</summary>
/// <param name="Field">The reference or figure at fault.</param>
/// <param name="Message">A business-worded reason.</param>
[GenerateSerializer]
[Alias("parity.orders.StoreReturnProblem")]
public sealed record StoreReturnProblem([property: Id(0)] StoreReturnField Field, [property: Id(1)] string Message);

/// <summary>The part of a store return an order refused.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StoreReturnField>))]
[GenerateSerializer]
[Alias("parity.orders.StoreReturnField")]
public enum StoreReturnField
{
    /// <summary>No such order, or the order takes no returns any more.</summary>
    OrderId,

    /// <summary>The order has no such line.</summary>
    LineId,

    /// <summary>The SKU is not the order line's.</summary>
    Sku,

    /// <summary>More units than the line has shipped and not yet returned.</summary>
    Quantity,
}
