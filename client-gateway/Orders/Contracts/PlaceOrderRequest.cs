using Parity.GrainInterfaces.Inventory;
using Parity.GrainInterfaces.Orders;

namespace Parity.Gateway.Orders.Contracts;

/// <summary>The canonical order JSON any channel may send (OrderPlaced).</summary>
/// <param name="EventId">The channel's id of the placement; a retry with it changes nothing. Defaults to <c>placed:{channelOrderId}</c>.</param>
/// <param name="Channel">The channel; defaults to the API key's, and only admin keys may name another.</param>
/// <param name="ChannelOrderId">The channel's own order id; the canonical id is <c>{channel}:{channelOrderId}</c>.</param>
/// <param name="Currency">ISO 4217 code, e.g. EUR.</param>
/// <param name="PlacedAt">When the customer placed it; defaults to now.</param>
/// <param name="CustomerRef">The channel's customer reference.</param>
/// <param name="ShippingCharge">Shipping charged.</param>
/// <param name="Lines">The lines.</param>
/// <param name="Payments">Tenders known at placement.</param>
/// <param name="Metadata">Channel metadata kept as given.</param>
public sealed record PlaceOrderRequest(
    string? EventId,
    string? Channel,
    string? ChannelOrderId,
    string? Currency,
    DateTimeOffset? PlacedAt,
    string? CustomerRef,
    decimal? ShippingCharge,
    IReadOnlyList<OrderLineRequest?>? Lines,
    IReadOnlyList<OrderPaymentRequest?>? Payments,
    IReadOnlyDictionary<string, string>? Metadata);

/// <summary>One line of an order.</summary>
/// <param name="LineId">Unique within the order.</param>
/// <param name="Sku">Stock-keeping unit.</param>
/// <param name="Quantity">Units; above zero.</param>
/// <param name="UnitPrice">Price per unit before discount, excluding tax.</param>
/// <param name="Discount">Discount on the whole line.</param>
/// <param name="Tax">Tax on the whole line.</param>
/// <param name="TaxCode">Tax code.</param>
public sealed record OrderLineRequest(string? LineId, string? Sku, int? Quantity, decimal? UnitPrice, decimal? Discount, decimal? Tax, string? TaxCode);

/// <summary>A tender.</summary>
/// <param name="Method">card, cash, gift-card ...</param>
/// <param name="Reference">Provider reference.</param>
/// <param name="Amount">Amount.</param>
/// <param name="Status">Omit when payment follows as its own event; <c>authorized</c> or <c>captured</c> when the channel
/// took it at checkout, which places the order and applies PaymentAuthorized (and PaymentCaptured) in one request.</param>
public sealed record OrderPaymentRequest(string? Method, string? Reference, decimal? Amount, string? Status = null);

/// <summary>The answer to a placement.</summary>
/// <param name="OrderId">The canonical order id.</param>
/// <param name="Status">The order's status after the request.</param>
/// <param name="Outcomes">The placement's outcome, then those of the payment events it carried.</param>
public sealed record PlaceOrderResponse(string OrderId, OrderStatus Status, IReadOnlyList<OrderOutcome> Outcomes);

/// <summary>One lifecycle event of an order in canonical JSON.</summary>
/// <param name="EventId">The channel's id of the event; a retry with it gets the original outcome.</param>
/// <param name="Type">PaymentAuthorized, PaymentCaptured, Shipped, Delivered, Cancelled, ReturnReceived, Refunded, Exchanged or Closed.</param>
/// <param name="OccurredAt">When it happened; defaults to now.</param>
/// <param name="Lines">Lines concerned (omit for every open line); returns need a disposition per line.</param>
/// <param name="LocationId">Ship-from location, or where a return was received.</param>
/// <param name="Amount">Amount authorized, captured or refunded.</param>
/// <param name="Tender">Tender method.</param>
/// <param name="Reference">Payment, carrier or return reference.</param>
/// <param name="Reason">Why (cancellation, return).</param>
/// <param name="Replacement">For an exchange: the replacement order.</param>
public sealed record OrderEventRequest(
    string? EventId,
    OrderEventType? Type,
    DateTimeOffset? OccurredAt,
    IReadOnlyList<OrderEventLineRequest?>? Lines,
    string? LocationId,
    decimal? Amount,
    string? Tender,
    string? Reference,
    string? Reason,
    PlaceOrderRequest? Replacement);

/// <summary>A line of an event.</summary>
/// <param name="LineId">The order line.</param>
/// <param name="Quantity">Units; above zero.</param>
/// <param name="Disposition">For returns: Restock, NotRestocked, ProcessingRequired or Missing.</param>
public sealed record OrderEventLineRequest(string? LineId, int? Quantity, ReturnDisposition? Disposition);
