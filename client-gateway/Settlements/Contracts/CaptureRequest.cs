namespace Parity.Gateway.Settlements.Contracts;

/// <summary>A payment captured for an order, as order capture reports it (PaymentCaptured).</summary>
/// <param name="Reference">The provider's reference of the payment (payment intent, PSP merchant reference, marketplace order id).</param>
/// <param name="OrderId">The canonical order id <c>{channel}:{channelOrderId}</c>.</param>
/// <param name="Amount">Amount captured; above zero.</param>
/// <param name="Currency">ISO 4217 currency.</param>
/// <param name="CapturedAt">When it was captured.</param>
public sealed record CaptureRequest(string? Reference, string? OrderId, decimal? Amount, string? Currency, DateTimeOffset? CapturedAt);
