using System.Text.Json.Serialization;
using Orleans;

namespace Parity.GrainInterfaces.Orders;

/// <summary>The order's place in its lifecycle (domain.md, Order), derived from its lines.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OrderStatus>))]
[GenerateSerializer]
[Alias("parity.orders.OrderStatus")]
public enum OrderStatus
{
    /// <summary>Nothing placed yet (only parked events exist).</summary>
    None,

    /// <summary>Placed, payment not yet authorized.</summary>
    Placed,

    /// <summary>Payment authorized; not yet allocated.</summary>
    Authorized,

    /// <summary>Every open unit is reserved.</summary>
    Allocated,

    /// <summary>Some open units are reserved, others backordered.</summary>
    PartiallyAllocated,

    /// <summary>No open unit could be reserved.</summary>
    Backordered,

    /// <summary>Some units shipped, others still open.</summary>
    PartiallyShipped,

    /// <summary>Every unit not cancelled has shipped.</summary>
    Shipped,

    /// <summary>What shipped was delivered.</summary>
    Delivered,

    /// <summary>Some delivered units came back.</summary>
    PartiallyReturned,

    /// <summary>Every shipped unit came back.</summary>
    Returned,

    /// <summary>Money went back to the customer.</summary>
    Refunded,

    /// <summary>Finished.</summary>
    Closed,

    /// <summary>Every line cancelled before shipment.</summary>
    Cancelled,
}
