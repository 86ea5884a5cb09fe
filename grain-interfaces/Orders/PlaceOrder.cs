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
public sealed record PlaceOrder(
    string EventId,
    string Channel,
    string ChannelOrderId,
    string Currency,
    DateTimeOffset PlacedAt,
    IReadOnlyList<OrderLine> Lines,
    decimal ShippingCharge = 0m,
    string? CustomerRef = null,
    IReadOnlyList<OrderPayment>? Payments = null,
    string? ExchangeOf = null,
    IReadOnlyDictionary<string, string>? Metadata = null);

/// <summary>One order line.</summary>
/// <param name="LineId">Line id, unique within the order.</param>
/// <param name="Sku">Stock-keeping unit.</param>
/// <param name="Quantity">Units ordered; positive.</param>
/// <param name="UnitPrice">Price per unit before discount, excluding tax.</param>
/// <param name="Discount">Discount on the whole line.</param>
/// <param name="Tax">Tax on the whole line.</param>
/// <param name="TaxCode">Tax code, for posting.</param>
public sealed record OrderLine(string LineId, string Sku, int Quantity, decimal UnitPrice, decimal Discount = 0m, decimal Tax = 0m, string? TaxCode = null);

/// <summary>A tender of the order.</summary>
/// <param name="Method">Card, cash, gift-card, marketplace ...</param>
/// <param name="Reference">The payment provider's reference.</param>
/// <param name="Amount">Amount.</param>
public sealed record OrderPayment(string Method, string? Reference, decimal Amount);
