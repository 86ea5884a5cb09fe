namespace Parity.Gateway.Inventory.Contracts;

/// <summary>Units announced on a purchase order or ASN: Incoming rises.</summary>
/// <param name="EventId">The channel's id of this announcement.</param>
/// <param name="Quantity">Units expected; above zero.</param>
/// <param name="Reference">Purchase order or ASN reference (required: the receipt settles it).</param>
public sealed record IncomingRequest(string? EventId, int? Quantity, string? Reference) : ICommandRequest;
