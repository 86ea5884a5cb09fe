using System.Text.Json.Serialization;
using Orleans;

namespace Parity.GrainInterfaces.Orders;

/// <summary>What the order did with an event; a retry of the event id returns the recorded outcome.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="EventId">The event.</param>
/// <param name="Disposition">Applied, Parked until its prerequisite arrives, or Rejected after parking.</param>
/// <param name="Status">The order's status after the event.</param>
/// <param name="Detail">Why it was parked, or what it linked (an exchange's new order id).</param>
[GenerateSerializer]
[Alias("parity.orders.OrderOutcome")]
// Immutable (built fresh, never changed after): Orleans passes it by reference within a silo instead of deep-copying it.
[Immutable]
public sealed record OrderOutcome(
    [property: Id(0)] string OrderId,
    [property: Id(1)] string EventId,
    [property: Id(2)] EventDisposition Disposition,
    [property: Id(3)] OrderStatus Status,
    [property: Id(4)] string? Detail = null);

/// <summary>What became of an event.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EventDisposition>))]
[GenerateSerializer]
[Alias("parity.orders.EventDisposition")]
public enum EventDisposition
{
    /// <summary>The event changed the order.</summary>
    Applied,

    /// <summary>The event waits for its prerequisite (e.g. a shipment for the payment).</summary>
    Parked,

    /// <summary>The event was parked, and refused by the lifecycle once its prerequisite came; it is on the exception queue.</summary>
    Rejected,
}
