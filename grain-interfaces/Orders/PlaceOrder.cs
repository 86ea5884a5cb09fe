using Orleans;

namespace Parity.GrainInterfaces.Orders;

/// <summary>OrderPlaced in canonical form (domain.md, Order).</summary>
/// <param name="EventId">Idempotency key of the placement (the channel's event or order id).</param>
/// <param name="Channel">The channel that took the order.</param>
/// <param name="ChannelOrderId">The channel's own order id.</param>
/// <param name="Currency">ISO 4217 currency of every amount.</param>
/// <param name="PlacedAt">When the customer placed it.</param>
/// <param name="Lines">The lines; each line id unique within the order.</param>
/// <param name="ShippingCharge">Shipping charged to the customer.</param>
/// <param name="CustomerRef">The channel's customer reference.</param>
/// <param name="Payments">Tenders known at placement (informational; authorization is its own event).</param>
/// <param name="ExchangeOf">The order this one replaces items of, when it is an exchange.</param>
/// <param name="Metadata">Channel metadata kept as given.</param>
[GenerateSerializer]
[Alias("parity.orders.PlaceOrder")]
// Immutable (built fresh, never changed after): Orleans passes it by reference within a silo instead of deep-copying it.
[Immutable]
public sealed record PlaceOrder(
    [property: Id(0)] string EventId,
    [property: Id(1)] string Channel,
    [property: Id(2)] string ChannelOrderId,
    [property: Id(3)] string Currency,
    [property: Id(4)] DateTimeOffset PlacedAt,
    [property: Id(5)] IReadOnlyList<OrderLine> Lines,
    [property: Id(6)] decimal ShippingCharge = 0m,
    [property: Id(7)] string? CustomerRef = null,
    [property: Id(8)] IReadOnlyList<OrderPayment>? Payments = null,
    [property: Id(9)] string? ExchangeOf = null,
    [property: Id(10)] IReadOnlyDictionary<string, string>? Metadata = null);

/// <summary>One order line.</summary>
/// <param name="LineId">Line id, unique within the order.</param>
/// <param name="Sku">Stock-keeping unit.</param>
/// <param name="Quantity">Units ordered; positive.</param>
/// <param name="UnitPrice">Price per unit before discount, excluding tax.</param>
/// <param name="Discount">Discount on the whole line.</param>
/// <param name="Tax">Tax on the whole line.</param>
/// <param name="TaxCode">Tax code, for posting.</param>
[GenerateSerializer]
[Alias("parity.orders.OrderLine")]
public sealed record OrderLine(
    [property: Id(0)] string LineId,
    [property: Id(1)] string Sku,
    [property: Id(2)] int Quantity,
    [property: Id(3)] decimal UnitPrice,
    [property: Id(4)] decimal Discount = 0m,
    [property: Id(5)] decimal Tax = 0m,
    [property: Id(6)] string? TaxCode = null);

/// <summary>A tender of the order.</summary>
/// <param name="Method">Card, cash, gift-card, marketplace ...</param>
/// <param name="Reference">The payment provider's reference.</param>
/// <param name="Amount">Amount.</param>
[GenerateSerializer]
[Alias("parity.orders.OrderPayment")]
public sealed record OrderPayment(
    [property: Id(0)] string Method,
    [property: Id(1)] string? Reference,
    [property: Id(2)] decimal Amount);
