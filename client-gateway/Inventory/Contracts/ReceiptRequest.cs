namespace Parity.Gateway.Inventory.Contracts;

/// <summary>Units received into OnHand (goods receipt), settling what <paramref name="Reference"/> announced as Incoming.</summary>
/// <param name="EventId">The channel's id of this receipt; a retry with the same id changes nothing.</param>
/// <param name="Quantity">Units received; above zero.</param>
/// <param name="Reference">Purchase order, ASN or receipt reference, if any.</param>
public sealed record ReceiptRequest(string? EventId, int? Quantity, string? Reference) : ICommandRequest;
